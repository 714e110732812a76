import { describe, expect, it } from "vitest";
import { DateError, fileNameDate, isoInZone, localTime, parseDate } from "../../src/parse/dates.js";

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
