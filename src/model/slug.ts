// Slugs and path segments: turning any text a scraper wrote into file names that are valid on every
// file system, stay inside the output folder, and keep Chinese readable.

import { createHash } from "node:crypto";

/** Longest path segment we write, in UTF-8 bytes: file systems allow 255, and `.html` or `-2` may follow. */
export const MAX_SEGMENT_BYTES = 200;

const UNSAFE = /[\p{Cc}\p{Cf}\\/:*?"<>|#%\u2028\u2029]/gu;
const encoder = new TextEncoder();

/** Jekyll's "pretty" slugify (cased): runs of characters other than letters, marks, digits and `._~!$&'()+,;=@` become one hyphen. */
export function jekyllPrettySlug(text: string): string {
  return text.replace(/[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu, "-").replace(/^-|-$/g, "");
}

/** Jekyll's default slugify: letters, marks and digits kept, everything else a hyphen, lower-cased. */
export function jekyllDefaultSlug(text: string): string {
  return text.replace(/[^\p{M}\p{L}\p{Nd}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase();
}

/**
 * Longest output file path we write (relative to the output folder), in UTF-8 bytes: S3 takes keys of
 * at most 1,024 bytes, and Linux paths (with the output folder's) at most 4,096. Only a post's URL can
 * come near it: `/:categories/` makes one folder per category, and scrapers list dozens.
 */
export const MAX_PATH_BYTES = 1024;

/** True when the text takes more than `max` UTF-8 bytes. */
export function exceedsBytes(text: string, max: number): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short text needs no counting.
  return text.length * 3 > max && encoder.encode(text).length > max;
}

/** Cuts text to at most `max` UTF-8 bytes on a character boundary; a cut text gets a short hash so that cut texts stay distinct. */
export function capBytes(text: string, max = MAX_SEGMENT_BYTES): string {
  if (!exceedsBytes(text, max)) return text;
  const hash = createHash("sha1").update(text).digest("hex").slice(0, 8);
  let result = "";
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > max - 9) break;
    result += char;
    bytes += size;
  }
  return `${result}-${hash}`;
}

/** ASCII letters, digits, `-_~` and inner dots: nothing safeSegment would change. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_~-](?:[A-Za-z0-9._~-]*[A-Za-z0-9_~-])?$/;

/**
 * One path segment made safe: no control characters, separators or characters that some file system
 * or URL treats specially, no leading or trailing dots or spaces, never `.` or `..`, at most MAX_SEGMENT_BYTES.
 * Returns "" for a segment with nothing left.
 */
export function safeSegment(segment: string): string {
  // Plain ASCII (dates, slugs, file names) is safe as it is: every URL of a build passes here.
  if (segment.length <= MAX_SEGMENT_BYTES && PLAIN_SEGMENT.test(segment)) return segment;
  const cleaned = segment
    .normalize("NFC")
    .replace(UNSAFE, "-")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  return cleaned === "" ? "" : capBytes(cleaned);
}

/**
 * A category or tag value → the slug of its page: case, CJK and emoji kept; spaces, dots and unsafe
 * characters become hyphens. Without dots no slug can end like a file (`x.html` would be the page
 * folder of `x`; `x.rss` would give `x`'s RSS feed file to `x.rss`'s Atom feed).
 */
export function termSlug(name: string): string {
  const slug = safeSegment(name.replace(/[\s.]+/g, "-"))
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? `term-${createHash("sha1").update(name).digest("hex").slice(0, 8)}` : slug;
}
