// The numbers behind the theme's build-time charts: posts per month of a year (the archive index's
// bars), posts per day of a year (the year page's calendar). Pure, from the model's periods; the
// templates only draw them, so a site that overrides a chart partial gets the same data.

import { periodsWithin } from "../model/archives.js";
import type { Period, Site } from "../types.js";
import { href } from "./format.js";

/** One month's bar: `share` is its height as a percentage of the busiest month on the site (at least 1 with posts). */
export interface MonthBar {
  readonly month: number;
  readonly count: number;
  readonly share: number;
  /** The month's archive page, or null for a month without posts. */
  readonly url: string | null;
}

/** One day of a year's calendar, placed on a Monday-first grid of its month. */
export interface CalendarDay {
  readonly day: number;
  readonly count: number;
  /** 0 (no posts) to 4 (as busy as the year's busiest day), for the cell's shade. */
  readonly level: number;
  readonly url: string | null;
  /** 0 (Monday) to 6 (Sunday). */
  readonly column: number;
  /** Week of the month, from 0. */
  readonly row: number;
}

/** One month of a year's calendar. */
export interface CalendarMonth {
  readonly key: string;
  readonly month: number;
  readonly count: number;
  readonly url: string | null;
  /** Weeks the month spans (4 to 6): the grid's height. */
  readonly rows: number;
  readonly days: readonly CalendarDay[];
}

/** A year's posts per day, as twelve month grids. */
export interface YearCalendar {
  readonly year: number;
  readonly count: number;
  /** Posts on the busiest day. */
  readonly max: number;
  readonly months: readonly CalendarMonth[];
}

const pad = (n: number): string => String(n).padStart(2, "0");
const percent = (count: number, max: number): number => (max > 0 ? Math.round((count / max) * 1000) / 10 : 0);

/** Counts and archive hrefs of a year's months or a month's days, by key. */
function counted(site: Site, periods: readonly Period[], key: string): Map<string, { count: number; url: string }> {
  return new Map(periodsWithin(periods, key).map((p) => [p.key, { count: p.posts.length, url: href(site.config, p.url) }]));
}

/** Twelve bars for a year, scaled to `max` (the busiest month of the whole site, so years compare). */
export function monthBars(site: Site, year: string, max: number): MonthBar[] {
  const months = counted(site, site.months, year);
  return Array.from({ length: 12 }, (_, i) => {
    const found = months.get(`${year}-${pad(i + 1)}`);
    const count = found?.count ?? 0;
    // A month with posts keeps a visible bar however busy the busiest month was.
    return { month: i + 1, count, share: count ? Math.max(1, percent(count, max)) : 0, url: found?.url ?? null };
  });
}

/** The calendar of a year page: every day of the year with its posts. */
export function yearCalendar(site: Site, year: Period): YearCalendar {
  const y = Number(year.key);
  const days = counted(site, site.days, year.key);
  const monthPages = counted(site, site.months, year.key);
  const max = Math.max(0, ...[...days.values()].map((d) => d.count));
  const months = Array.from({ length: 12 }, (_, i): CalendarMonth => {
    const month = i + 1;
    const key = `${year.key}-${pad(month)}`;
    const length = new Date(Date.UTC(y, month, 0)).getUTCDate();
    const offset = (new Date(Date.UTC(y, i, 1)).getUTCDay() + 6) % 7;
    const cells = Array.from({ length }, (_, d): CalendarDay => {
      const found = days.get(`${key}-${pad(d + 1)}`);
      const count = found?.count ?? 0;
      const slot = offset + d;
      return { day: d + 1, count, level: count ? Math.ceil((count * 4) / max) : 0, url: found?.url ?? null, column: slot % 7, row: Math.floor(slot / 7) };
    });
    const count = cells.reduce((sum, d) => sum + d.count, 0);
    return { key, month, count, url: monthPages.get(key)?.url ?? null, rows: Math.ceil((offset + length) / 7), days: cells };
  });
  return { year: y, count: year.posts.length, max, months };
}
