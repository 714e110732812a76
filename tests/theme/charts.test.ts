// The build-time charts: the numbers (a year's calendar, twelve month bars) and the SVG the theme
// draws from them on the archive index, the year pages and the category index; a cached rebuild
// redraws a year's calendar when only its day counts changed.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/index.js";
import { monthBars, yearCalendar } from "../../src/render/charts.js";
import type { Period, Site } from "../../src/types.js";
import { makeSite, post, readOut, readTree, tempDir } from "../helpers/site.js";

const NOW = Date.UTC(2023, 0, 1);

/** Just enough of a site model for the chart functions: its months and days with post counts. */
function model(counts: Record<string, number>): Site {
  const period = (kind: Period["kind"], key: string, posts: number): Period => ({ kind, key, url: `/archive/${key.replace(/-/g, "/")}/`, posts: Array.from({ length: posts }, (_, i) => i) });
  const months = new Map<string, number>();
  for (const [day, n] of Object.entries(counts)) months.set(day.slice(0, 7), (months.get(day.slice(0, 7)) ?? 0) + n);
  return {
    config: { basePath: "/news/" },
    days: Object.entries(counts).map(([key, n]) => period("day", key, n)),
    months: [...months].map(([key, n]) => period("month", key, n)),
  } as unknown as Site;
}

describe("yearCalendar", () => {
  const site = model({ "2022-01-01": 1, "2022-01-18": 4, "2022-01-31": 2, "2022-03-05": 3 });
  const calendar = yearCalendar(site, { kind: "year", key: "2022", url: "/archive/2022/", posts: Array.from({ length: 10 }, (_, i) => i) });

  it("has every month and every day, Monday first", () => {
    expect(calendar.months.map((m) => m.days.length)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    const january = calendar.months[0]!;
    expect(january.days[0]).toMatchObject({ day: 1, column: 5, row: 0 }); // 2022-01-01 was a Saturday
    expect(january.days[30]).toMatchObject({ day: 31, column: 0, row: 5 }); // and the 31st a Monday
    expect(january.rows).toBe(6);
    expect(calendar.months[1]).toMatchObject({ rows: 5, count: 0, url: null });
  });

  it("counts, shades and links the days with posts", () => {
    expect(calendar).toMatchObject({ year: 2022, count: 10, max: 4 });
    expect(calendar.months[0]).toMatchObject({ count: 7, url: "/news/archive/2022/01/" });
    expect(calendar.months[0]!.days.filter((d) => d.count).map((d) => [d.day, d.count, d.level, d.url])).toEqual([
      [1, 1, 1, "/news/archive/2022/01/01/"],
      [18, 4, 4, "/news/archive/2022/01/18/"],
      [31, 2, 2, "/news/archive/2022/01/31/"],
    ]);
    expect(calendar.months[2]!.days[4]).toMatchObject({ count: 3, level: 3 });
    expect(calendar.months[0]!.days[1]).toMatchObject({ count: 0, level: 0, url: null });
  });

  it("knows leap years", () => {
    expect(yearCalendar(model({ "2024-02-29": 1 }), { kind: "year", key: "2024", url: "/", posts: [0] }).months[1]!.days.length).toBe(29);
  });
});

describe("monthBars", () => {
  it("gives twelve bars on the site's scale, a month with posts always visible", () => {
    const bars = monthBars(model({ "2022-01-05": 3, "2022-03-01": 1 }), "2022", 1000);
    expect(bars).toHaveLength(12);
    expect(bars[0]).toEqual({ month: 1, count: 3, share: 1, url: "/news/archive/2022/01/" });
    expect(bars[1]).toEqual({ month: 2, count: 0, share: 0, url: null });
    expect(monthBars(model({ "2022-01-05": 3, "2022-03-01": 1 }), "2022", 4)[0]!.share).toBe(75);
  });
});

describe("the charts in the pages", () => {
  let out: string;
  beforeAll(async () => {
    const files: Record<string, string> = { "site.yml": "title: 图表\nurl: https://news.example.com\npage_size: 2\n" };
    const posts: [string, string][] = [["2021-12-31", "a"], ["2022-01-18", "a"], ["2022-01-18", "a"], ["2022-01-20", "b"], ["2022-03-05", "a"], ["2022-03-05", "a"], ["2022-03-05", "b"], ["2022-03-05", "b"]];
    posts.forEach(([day, category], i) => (files[`posts/${day}-p${i}.md`] = post({ title: `第${i}篇`, date: `${day} ${String(8 + i).padStart(2, "0")}:00:00 +0800`, categories: category })));
    const root = makeSite(files);
    out = path.join(tempDir(), "out");
    await build({ root, out, cacheDir: false, search: false, now: NOW });
  });

  it("the archive index draws each year's months as bars, described for screen readers", () => {
    const html = readOut(out, "archive/index.html");
    expect(html).toContain('<svg class="month-chart" viewBox="0 0 600 140" role="img" aria-labelledby="chart-2022-title" aria-describedby="chart-2022-desc">');
    expect(html).toContain('<title id="chart-2022-title">2022年每月文章数</title>');
    expect(html).toContain('<desc id="chart-2022-desc">1月 3 篇，2月 0 篇，3月 4 篇，4月 0 篇，');
    // March is the busiest month: the full 90 units; January 3 of 4.
    expect(html).toContain('<rect x="110" y="22" width="30" height="90"/><text class="value" x="125" y="17">4</text>');
    expect(html).toContain('<rect x="10" y="44.5" width="30" height="67.5"/>');
  });

  it("a year's first page has its calendar; later pages and months do not", () => {
    const year = readOut(out, "archive/2022/index.html");
    expect(year).toContain('<h2 id="calendar-heading">2022年每日发文</h2>');
    expect(year).toContain('<a href="/archive/2022/01/18/" aria-label="1月18日：2 篇"><rect class="level-2" x="22" y="82" width="20" height="20" rx="3"/><text x="32" y="96">18</text></a>');
    expect(year).toContain('<a href="/archive/2022/03/05/" aria-label="3月5日：4 篇"><rect class="level-4"');
    expect(year).toContain('<figcaption><a href="/archive/2022/03/">3月</a> <span class="count">4 篇</span></figcaption>');
    expect(year).toContain('<figcaption>4月 <span class="count">0 篇</span></figcaption>');
    expect(year).toContain('<g aria-hidden="true"><rect class="level-0" x="110" y="16" width="20" height="20" rx="3"/><text x="120" y="30">1</text></g>');
    expect(readOut(out, "archive/2022/page/2.html")).not.toContain("calendar");
    expect(readOut(out, "archive/2022/01/index.html")).not.toContain("calendar");
  });

  it("the category index draws each category's volume as a bar", () => {
    const html = readOut(out, "category/index.html");
    expect(html).toMatch(/<a href="\/category\/a.html">a<\/a> <span class="count">5<\/span> 篇.*\n<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true"><rect width="100" height="1"\/><\/svg>/);
    expect(html).toMatch(/<a href="\/category\/b.html">b<\/a> <span class="count">3<\/span> 篇.*\n<svg class="bar" [^>]*><rect width="60" height="1"\/><\/svg>/);
  });
});

describe("a cached rebuild", () => {
  it("redraws a year's calendar when a post moves to another day off its first page", async () => {
    const files: Record<string, string> = { "site.yml": "title: 日历\nurl: https://news.example.com\npage_size: 2\n" };
    for (let day = 1; day <= 6; day++) files[`posts/2022-01-0${day}-p${day}.md`] = post({ title: `第${day}天`, date: `2022-01-0${day} 12:00:00 +0800` });
    const root = makeSite(files);
    const out = path.join(tempDir(), "out");
    const cacheDir = path.join(tempDir(), "cache");
    await build({ root, out, cacheDir, search: false, now: NOW });
    expect(readOut(out, "archive/2022/index.html")).toContain('aria-label="1月1日：1 篇"');
    // The oldest post moves to the 2nd, still the oldest: the year's first page lists the same posts.
    writeFileSync(path.join(root, "posts/2022-01-01-p1.md"), post({ title: "第1天", date: "2022-01-02 08:00:00 +0800" }));
    const summary = await build({ root, out, cacheDir, search: false, now: NOW });
    expect(summary.changes.written).toContain("archive/2022/index.html");
    expect(readOut(out, "archive/2022/index.html")).toContain('aria-label="1月2日：2 篇"');
    const cold = path.join(tempDir(), "cold");
    await build({ root, out: cold, cacheDir: false, search: false, now: NOW });
    expect(readTree(out)).toEqual(readTree(cold));
  });
});
