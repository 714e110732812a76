// The slug `broadsheet new` gives a post, in the style site.yml's `new_slug` names: the title's
// pinyin (ASCII, survives any link), the title's own characters, or a time-based id like the
// archive's scraped file names (`2022-01-18-202201182251841262.md`).

import { localTime } from "../parse/dates.js";
import type { NewSlugStyle } from "../types.js";

/** Longest slug made from a title, in characters; cut at a hyphen where one is near. */
const MAX_PINYIN = 50;
const MAX_TITLE = 30;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** Cuts a hyphenated slug to at most `max` characters, at a hyphen when that keeps most of it. */
export function shorten(slug: string, max: number): string {
  const chars = [...slug];
  if (chars.length <= max) return slug;
  const cut = chars.slice(0, max).join("");
  const hyphen = cut.lastIndexOf("-");
  return (hyphen >= max / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, "");
}

/** Latin letters and digits only, lower case, runs of anything else one hyphen (`Ａ股２０２２` → `a-2022`). */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The title's own characters: letters of every script and digits kept, the rest hyphens; Latin lower-cased. */
export function titleSlug(title: string): string {
  const slug = title
    .normalize("NFKC")
    .replace(/[^\p{L}\p{M}\p{Nd}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return shorten(slug, MAX_TITLE);
}

/** The title in pinyin without tones, a syllable per hyphen: `江西：2022年` → `jiang-xi-2022-nian`. */
export async function pinyinSlug(title: string): Promise<string> {
  // Loaded only here: its dictionary costs a tenth of a second that no other command should pay.
  const { pinyin } = await import("pinyin-pro");
  const syllables = pinyin(title.normalize("NFKC"), { toneType: "none", type: "array", v: true, nonZh: "consecutive" });
  return shorten(asciiSlug(syllables.join(" ")), MAX_PINYIN);
}

/** `YYYYMMDDHHMMSS` in the site's zone and four random digits: 18 digits, like the archive's ids. */
export function idSlug(ms: number, timezone: string, random: () => number = Math.random): string {
  const t = localTime(ms, timezone);
  const digits = pad(Math.floor(random() * 10_000) % 10_000, 4);
  return `${t.year}${pad(t.month)}${pad(t.day)}${pad(t.hour)}${pad(t.minute)}${pad(t.second)}${digits}`;
}

/** A user's `--slug` made safe for a file name and URL: spaces and unsafe characters become hyphens. */
export function cleanSlug(slug: string): string {
  return slug
    .normalize("NFC")
    .replace(/[\s\p{Cc}\p{Cf}\\/:*?"<>|#%]+/gu, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}

/** The slug for a new post: its title's in the given style; a title that gives nothing gets an id. */
export async function newSlug(title: string, style: NewSlugStyle, ms: number, timezone: string, random?: () => number): Promise<string> {
  const slug = style === "pinyin" ? await pinyinSlug(title) : style === "title" ? titleSlug(title) : "";
  return slug || idSlug(ms, timezone, random);
}
