import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DateError, fileNameDate, isoInZone, knownZoneDays, learnZoneDays, localTime, parseDate, zoneOffset } from "../../src/parse/dates.js";

const SH = "Asia/Shanghai";

describe("parseDate", () => {
  // Every form news archives write; the expected instant in UTC.
  it.each([
    ["2022-01-18 14:05:51 +0800", "2022-01-18T06:05:51.000Z"],
    ["2022-01-18 14:05:51 +08:00", "2022-01-18T06:05:51.000Z"],
    ["2022-01-18 14:05:51+0800", "2022-01-18T06:05:51.000Z"],
    ["2022-01-18 14:05:51 -0500", "2022-01-18T19:05:51.000Z"],
    ["2022-01-18 14:05:51", "2022-01-18T06:05:51.000Z"], // no offset: the site zone
    ["2022-01-18 14:05", "2022-01-18T06:05:00.000Z"],
    ["2022-01-18T14:05:51Z", "2022-01-18T14:05:51.000Z"],
    ["2022-01-18T14:05:51.250+08:00", "2022-01-18T06:05:51.250Z"],
    ["2022-01-18T14:05:51", "2022-01-18T06:05:51.000Z"],
    ["2022-01-18", "2022-01-17T16:00:00.000Z"], // a calendar day in the site zone, not UTC midnight
    ["2022-1-8", "2022-01-07T16:00:00.000Z"],
    ["2001-12-14t21:59:43.10-05:00", "2001-12-15T02:59:43.100Z"], // YAML timestamp, canonical
    ["2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.100Z"], // YAML timestamp, spaced, one-digit offset
    ["  2022-01-18 14:05:51 +0800  ", "2022-01-18T06:05:51.000Z"],
  ])("%s", (text, expected) => {
    expect(new Date(parseDate(text, SH).ms).toISOString()).toBe(expected);
  });

  it("knows whether the text gave an offset", () => {
    expect(parseDate("2022-01-18 14:05:51 +0800", SH).hasOffset).toBe(true);
    expect(parseDate("2022-01-18 14:05:51", SH).hasOffset).toBe(false);
    expect(parseDate("2022-01-18", SH).dateOnly).toBe(true);
  });

  it("applies daylight saving time of the site zone", () => {
    expect(new Date(parseDate("2022-07-01 12:00", "America/New_York").ms).toISOString()).toBe("2022-07-01T16:00:00.000Z");
    expect(new Date(parseDate("2022-01-01 12:00", "America/New_York").ms).toISOString()).toBe("2022-01-01T17:00:00.000Z");
  });

  it.each([
    ["", "the date is empty"],
    ["   ", "the date is empty"],
    ["+0800", "cannot read"],
    ["2022-02-30", "day 30 does not exist in 2022-02"],
    ["2022-13-01", "month 13 does not exist"],
    ["2022-01-18 25:00", "time out of range"],
    ["yesterday", "cannot read"],
    ["2022-01-18 14:05:51 +2500", "out of range"],
  ])("rejects %j", (text, message) => {
    expect(() => parseDate(text, SH)).toThrow(DateError);
    expect(() => parseDate(text, SH)).toThrow(message);
  });
});

describe("dates in the site zone", () => {
  it("formats an instant with its offset", () => {
    expect(isoInZone(Date.UTC(2022, 0, 18, 6, 5, 51), SH)).toBe("2022-01-18T14:05:51+08:00");
    expect(isoInZone(Date.UTC(2022, 0, 18, 6, 5, 51), "UTC")).toBe("2022-01-18T06:05:51+00:00");
    expect(isoInZone(Date.UTC(2022, 6, 1, 16), "America/New_York")).toBe("2022-07-01T12:00:00-04:00");
  });

  it("gives wall-clock fields", () => {
    const t = localTime(Date.UTC(2022, 0, 17, 17, 0, 0), SH);
    expect([t.year, t.month, t.day, t.hour, t.offset]).toEqual([2022, 1, 18, 1, 480]);
  });

  it("reads the date prefix of a file name", () => {
    expect(fileNameDate("2022-01-18-202201182251841262")).toEqual({ date: "2022-01-18", title: "202201182251841262" });
    expect(fileNameDate("2022-03-04-Mixed Case Title")).toEqual({ date: "2022-03-04", title: "Mixed Case Title" });
    expect(fileNameDate("about")).toBeUndefined();
  });
});

describe("zoneOffset", () => {
  // The offset as formatToParts gives it field by field: what offsetAt read before it parsed format().
  const reference = (zone: string, ms: number): number => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(ms);
    const field = (type: string): number => Number(parts.find((part) => part.type === type)!.value);
    const asUtc = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  };
  // Zones with DST, half and quarter hours, local mean time before 1900, and a date-line jump.
  const zones = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Apia", "Africa/Casablanca", "UTC"];

  it("is the offset formatToParts gives, in every kind of zone, from 1800 to 2100", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, ms) => {
        expect(zoneOffset(zone, ms)).toBe(reference(zone, ms));
      }),
      { numRuns: 3000 },
    );
  });

  it("follows the transitions of a DST zone and local mean time", () => {
    expect(zoneOffset("America/New_York", Date.UTC(2022, 2, 13, 6, 59))).toBe(-300);
    expect(zoneOffset("America/New_York", Date.UTC(2022, 2, 13, 7, 0))).toBe(-240);
    expect(zoneOffset("Asia/Shanghai", Date.UTC(1900, 0, 1))).toBe(486); // +08:05:43, to the minute
    expect(zoneOffset("Asia/Shanghai", Date.UTC(2022, 0, 18))).toBe(480);
  });
});

describe("zone offsets kept between processes", () => {
  it("are the days worked out, and days learned are used as they are", () => {
    const at = Date.UTC(2022, 0, 18, 6, 5, 51);
    expect(zoneOffset("Asia/Shanghai", at)).toBe(480);
    expect(knownZoneDays("Asia/Shanghai")).toContainEqual([Math.floor(at / 86_400_000), 480]);
    // A value no zone has, for a day nothing else here asks about: it can only come from the learned table.
    learnZoneDays("Pacific/Chatham", [[-100_000, 999]]);
    expect(zoneOffset("Pacific/Chatham", -100_000 * 86_400_000 + 3_600_000)).toBe(999);
  });

  it("leave out days on which the offset changes (worked out per half hour instead)", () => {
    zoneOffset("America/New_York", Date.UTC(2022, 2, 13, 12)); // clocks went forward that day
    const day = Math.floor(Date.UTC(2022, 2, 13, 12) / 86_400_000);
    expect(knownZoneDays("America/New_York").some(([known]) => known === day)).toBe(false);
    expect(knownZoneDays("America/New_York").every(([, offset]) => Number.isFinite(offset))).toBe(true);
  });
});
