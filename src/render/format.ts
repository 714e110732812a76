// How dates and links appear on pages: one place that turns instants and URL paths into what templates show.

import { hrefFor } from "../model/permalink.js";
import { isoOf, localTime } from "../parse/dates.js";
import type { SiteConfig } from "../types.js";

/** A date as templates use it: machine-readable, and shown in the site's zone. */
export interface DateView {
  /** `2022-01-18T14:05:51+08:00` */
  readonly iso: string;
  /** `2022-01-18 14:05` */
  readonly text: string;
  /** `2022-01-18` */
  readonly day: string;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** An instant as shown on pages, in the site's time zone. */
export function dateView(ms: number, timezone: string): DateView {
  const t = localTime(ms, timezone);
  const day = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  return { iso: isoOf(t), text: `${day} ${pad(t.hour)}:${pad(t.minute)}`, day };
}

/** A URL path → the href used in pages (base path, percent-encoding). */
export const href = (config: SiteConfig, url: string): string => hrefFor(config.basePath, url);

/** A URL path → its absolute URL on the published site. */
export const absoluteUrl = (config: SiteConfig, url: string): string => config.url + hrefFor(config.basePath, url);

/** A period key (`2022`, `2022-01`, `2022-01-18`) as a heading: `2022年1月` in Chinese, the key otherwise. */
export function periodTitle(key: string, language: string): string {
  if (!language.toLowerCase().startsWith("zh") && !language.toLowerCase().startsWith("ja")) return key;
  const [year, month, day] = key.split("-");
  return `${year}年` + (month ? `${Number(month)}月` : "") + (day ? `${Number(day)}日` : "");
}
