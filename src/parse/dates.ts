// Dates as news archives write them, read by our own code into instants, with the site's time zone
// applied here and only here. js-yaml is not trusted with them: it keeps `+0800` dates as strings and
// reads bare times as UTC.

/** A date's calendar and clock fields in some zone. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** A date that was read: its instant, and whether the text gave its own offset. */
export interface ParsedDate {
  readonly ms: number;
  readonly hasOffset: boolean;
  readonly dateOnly: boolean;
  /** The wall-clock fields as written. */
  readonly local: LocalTime;
}

// 2022-01-18, 2022-1-8, 2022-01-18 14:05, 2022-01-18 14:05:51.123, 2022-01-18T14:05:51Z,
// 2022-01-18 14:05:51 +0800, +08:00, +08, -5 (YAML), UTC/GMT.
const DATE_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:([Zz]|UTC|GMT)|([+-])(\d{1,2})(?::?(\d{2}))?)?$/;

/** Why a date could not be read, for the error message. */
export class DateError extends Error {}

/**
 * Reads a date string in any form above. A date without an offset is a wall time in `timezone`
 * (a date-only value is that calendar day's midnight there, not UTC midnight).
 */
export function parseDate(text: string, timezone: string): ParsedDate {
  const value = text.trim();
  if (value === "") throw new DateError("the date is empty");
  const match = DATE_PATTERN.exec(value);
  if (!match) throw new DateError(`cannot read ${JSON.stringify(value)} as a date`);
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = match;
  const local: LocalTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.round(Number(`0.${frac}`) * 1000) : 0,
  };
  checkFields(local, value);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
  if (zulu) return { ms: wall, hasOffset: true, dateOnly: h === undefined, local };
  if (sign) {
    const offset = (Number(oh) * 60 + Number(om ?? 0)) * (sign === "-" ? -1 : 1);
    if (Math.abs(offset) > 18 * 60) throw new DateError(`offset ${sign}${oh}${om ?? ""} is out of range`);
    return { ms: wall - offset * 60_000, hasOffset: true, dateOnly: h === undefined, local };
  }
  return { ms: wallTimeToInstant(wall, timezone), hasOffset: false, dateOnly: h === undefined, local };
}

function checkFields(t: LocalTime, value: string): void {
  const daysInMonth = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
  if (t.month < 1 || t.month > 12) throw new DateError(`month ${t.month} does not exist in ${JSON.stringify(value)}`);
  if (t.day < 1 || t.day > daysInMonth) throw new DateError(`day ${t.day} does not exist in ${t.year}-${String(t.month).padStart(2, "0")}`);
  if (t.hour > 23 || t.minute > 59 || t.second > 60) throw new DateError(`time out of range in ${JSON.stringify(value)}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// What an en-US formatter with the fields below prints: `1/18/2022, 14:05:51`.
const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;
// Per zone: UTC day → the offset that holds all day, or NaN when the offset changes that day.
const dayOffsets = new Map<string, Map<number, number>>();
const daysOf = (timezone: string): Map<number, number> => {
  let days = dayOffsets.get(timezone);
  if (!days) dayOffsets.set(timezone, (days = new Map()));
  return days;
};
const DAY_MS = 86_400_000;
const HALF_HOUR_MS = 1_800_000;

function offsetAt(timezone: string, ms: number): number {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timezone, format);
  }
  // format() and a pattern read the same fields as formatToParts at a quarter of its cost (~5 µs
  // against ~18 µs a call, two calls for each day a site's posts fall on).
  const wall = WALL_CLOCK.exec(format.format(ms));
  const [month, day, year, hour, minute, second] = wall ? wall.slice(1).map(Number) : fieldsOf(format.formatToParts(ms));
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** formatToParts' fields in the order WALL_CLOCK reads them. */
function fieldsOf(parts: readonly Intl.DateTimeFormatPart[]): number[] {
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return ["month", "day", "year", "hour", "minute", "second"].map(value);
}

/**
 * The days whose offset this thread has worked out for a zone, as [UTC day, offset] pairs (days on
 * which it changes left out): kept with the model snapshot, so that a rebuild after an edit, in a
 * fresh process, needs no Intl formatter (making the first one loads ICU's zone data, ~30 ms).
 */
export function knownZoneDays(timezone: string): [number, number][] {
  return [...(dayOffsets.get(timezone) ?? [])].filter(([, offset]) => !Number.isNaN(offset));
}

/** Days worked out before (knownZoneDays), by the same ICU and time-zone data. */
export function learnZoneDays(timezone: string, days: readonly (readonly [number, number])[]): void {
  const known = daysOf(timezone);
  for (const [day, offset] of days) known.set(day, offset);
}

/**
 * The zone's offset from UTC in minutes at an instant. Intl is slow, so offsets are cached per UTC
 * day when constant over it (almost always), else looked up per half hour (zones change on those).
 */
export function zoneOffset(timezone: string, ms: number): number {
  const days = daysOf(timezone);
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = offsetAt(timezone, day * DAY_MS);
    offset = start === offsetAt(timezone, (day + 1) * DAY_MS - 1000) ? start : Number.NaN;
    if (days.size > 200_000) days.clear();
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? offsetAt(timezone, Math.floor(ms / HALF_HOUR_MS) * HALF_HOUR_MS) : offset;
}

/** The instant at which the zone's clocks show the given wall time (`wall` is that time read as UTC). */
export function wallTimeToInstant(wall: number, timezone: string): number {
  let guess = wall - zoneOffset(timezone, wall) * 60_000;
  const corrected = wall - zoneOffset(timezone, guess) * 60_000;
  if (corrected !== guess) guess = corrected;
  return guess;
}

/** The wall-clock fields of an instant in a zone, with the zone's offset then. */
export function localTime(ms: number, timezone: string): LocalTime & { readonly offset: number } {
  const offset = zoneOffset(timezone, ms);
  const d = new Date(ms + offset * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    offset,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `2022-01-18T14:05:51+08:00`: the instant in the zone, with its offset (feeds, sitemaps, meta tags). */
export function isoInZone(ms: number, timezone: string): string {
  return isoOf(localTime(ms, timezone));
}

/** The ISO form of wall-clock fields with their offset, for a caller that has them already. */
export function isoOf(t: LocalTime & { readonly offset: number }): string {
  const sign = t.offset < 0 ? "-" : "+";
  const abs = Math.abs(t.offset);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The file-name date prefix of a Jekyll post, `2022-01-18-title.md` → its fields and the rest of the name. */
export function fileNameDate(name: string): { date: string; title: string } | undefined {
  const match = /^(\d{4}-\d{1,2}-\d{1,2})-(.*)$/.exec(name);
  return match ? { date: match[1]!, title: match[2]! } : undefined;
}
