// Permalink patterns → URLs, as Jekyll 4.3 computes them, then made safe: every URL maps to one file
// inside the output folder, and a URL and its file always agree.

import { localTime } from "../parse/dates.js";
import { jekyllDefaultSlug, jekyllPrettySlug, safeSegment } from "./slug.js";

/** Jekyll's named permalink styles. */
export const NAMED_PERMALINKS: Readonly<Record<string, string>> = {
  date: "/:categories/:year/:month/:day/:title.html",
  pretty: "/:categories/:year/:month/:day/:title/",
  ordinal: "/:categories/:year/:y_day/:title.html",
  weekdate: "/:categories/:year/W:week/:short_day/:title.html",
  none: "/:categories/:title.html",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** What a post's URL is made of. */
export interface PostUrlParts {
  readonly date: number;
  readonly categories: readonly string[];
  /** File name after the date (Jekyll's slug source). */
  readonly fileTitle: string;
  readonly title: string;
  readonly slug?: string;
}

/**
 * A post's placeholder values, in a zone, each worked out when a pattern asks for it: a pattern names
 * four or five of the nineteen, and every post's URL is filled in when it is parsed.
 */
export function postPlaceholders(parts: PostUrlParts, timezone: string): (name: string) => string | undefined {
  let at: ReturnType<typeof localTime> | undefined;
  const t = (): ReturnType<typeof localTime> => (at ??= localTime(parts.date, timezone));
  const weekday = (): number => new Date(Date.UTC(t().year, t().month - 1, t().day)).getUTCDay();
  const source = parts.slug ?? (parts.fileTitle || parts.title);
  return (name) => {
    switch (name) {
      case "year":
        return String(t().year);
      case "short_year":
        return pad(t().year % 100);
      case "month":
        return pad(t().month);
      case "i_month":
        return String(t().month);
      case "short_month":
        return MONTHS[t().month - 1]!;
      case "long_month":
        return MONTHS_LONG[t().month - 1]!;
      case "day":
        return pad(t().day);
      case "i_day":
        return String(t().day);
      case "y_day":
        return pad(Math.floor((Date.UTC(t().year, t().month - 1, t().day) - Date.UTC(t().year, 0, 1)) / 86_400_000) + 1, 3);
      case "short_day":
        return DAYS[weekday()]!;
      case "week":
        return pad(isoWeek(t().year, t().month, t().day));
      case "hour":
        return pad(t().hour);
      case "minute":
        return pad(t().minute);
      case "second":
        return pad(t().second);
      case "title":
        return jekyllPrettySlug(source) || jekyllDefaultSlug(parts.title) || "post";
      case "slug":
        return jekyllDefaultSlug(source) || "post";
      case "name":
        return jekyllPrettySlug(parts.fileTitle) || "post";
      case "categories":
        return [...new Set(parts.categories.map((c) => c.toLowerCase()))].join("/");
      case "output_ext":
        return ".html";
      default:
        return undefined;
    }
  };
}

function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Fills a pattern's `:placeholders`; unknown ones are left as written. Longest names first (`:i_month` before `:month`). */
export function fillPattern(pattern: string, values: Readonly<Record<string, string>> | ((name: string) => string | undefined)): string {
  const valueOf = typeof values === "function" ? values : (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
  return pattern.replace(/:([a-z_]+)/g, (whole, name: string) => valueOf(name) ?? whole);
}

/**
 * Normalizes a filled pattern into a safe URL path: `..` and `.` segments dropped, each segment made
 * safe (see safeSegment), `//` squeezed, and `.html` added to a last segment without it (the file
 * Jekyll would write), so that the URL is exactly the file's path. Folder URLs keep their slash.
 */
export function normalizeUrl(raw: string): string {
  const folder = raw.endsWith("/") || raw.endsWith("/.") || raw.endsWith("/..");
  const segments = raw
    .split(/[/\\]+/)
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map(safeSegment)
    .filter(Boolean);
  if (segments.length === 0) return "/";
  if (folder) return `/${segments.join("/")}/`;
  const last = segments[segments.length - 1]!;
  if (!/\.(html?|xml|json|txt)$/i.test(last)) segments[segments.length - 1] = `${last}.html`;
  return `/${segments.join("/")}`;
}

/** The output file for a URL path: a folder URL is its index.html. Relative, `/`-separated. */
export function urlToFile(url: string): string {
  const file = url.endsWith("/") ? `${url}index.html` : url;
  return file.replace(/^\/+/, "");
}

/** Characters encodeURIComponent leaves as they are, and the `/` between segments. */
const PLAIN_URL = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/** A URL path → the href written into pages: base path prefixed, each segment percent-encoded (CJK included). */
export function hrefFor(basePath: string, url: string): string {
  // Most URLs need no encoding (ASCII slugs): a page links hundreds of them, so skip the split.
  if (PLAIN_URL.test(url)) return basePath + url.replace(/^\/+/, "");
  const encoded = url
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return basePath + encoded.replace(/^\/+/, "");
}
