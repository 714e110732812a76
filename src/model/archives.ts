// Posts → the date archive: one period per year, month and day that has posts, in the site's zone.

import { localTime } from "../parse/dates.js";
import type { Period, SiteConfig } from "../types.js";
import { fillPattern, normalizeUrl } from "./permalink.js";

const pad = (n: number): string => String(n).padStart(2, "0");

/** Years, months and days with posts, each newest first, each listing its posts newest first. */
export function collectPeriods(dates: readonly number[], config: SiteConfig): { years: Period[]; months: Period[]; days: Period[] } {
  const groups = { year: new Map<string, number[]>(), month: new Map<string, number[]>(), day: new Map<string, number[]>() };
  dates.forEach((date, index) => {
    const t = localTime(date, config.timezone);
    const keys = { year: String(t.year), month: `${t.year}-${pad(t.month)}`, day: `${t.year}-${pad(t.month)}-${pad(t.day)}` };
    for (const kind of ["year", "month", "day"] as const) {
      let list = groups[kind].get(keys[kind]);
      if (!list) groups[kind].set(keys[kind], (list = []));
      list.push(index);
    }
  });
  const periods = (kind: "year" | "month" | "day"): Period[] =>
    [...groups[kind].entries()]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([key, posts]) => {
        const [year = "", month = "", day = ""] = key.split("-");
        return { kind, key, url: normalizeUrl(fillPattern(config.permalinks[kind], { year, month, day })), posts };
      });
  return { years: periods("year"), months: periods("month"), days: periods("day") };
}

/** The periods (months or days) that fall within a year or month: `within(site.days, "2022")`. */
export function periodsWithin(periods: readonly Period[], key: string): Period[] {
  return periods.filter((period) => period.key.startsWith(`${key}-`));
}
