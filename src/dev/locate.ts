// A request path → a file of the output folder, as a static host would find it: the base path
// stripped, each segment percent-decoded (CJK file names), `index.html` for folders, `.html` for
// extensionless paths. Nothing outside the output folder is ever named.

import { statSync } from "node:fs";
import path from "node:path";

/** What a request path names. */
export type Location =
  | { readonly kind: "file"; readonly file: string; readonly full: string }
  /** A folder asked for without its slash (or the site outside its base path): go here instead. */
  | { readonly kind: "redirect"; readonly to: string }
  /** Nothing there: the site's 404 page answers. `files` are the output files that would answer it. */
  | { readonly kind: "missing"; readonly files: readonly string[] }
  /** A path that tries to leave the folder, or cannot be decoded. */
  | { readonly kind: "refused" };

/** The decoded segments of a request path inside the base path; null when refused, undefined when outside the base path. */
export function siteSegments(rawPath: string, basePath: string): string[] | null | undefined {
  const raw = rawPath.split(/[?#]/, 1)[0]!;
  let segments: string[];
  try {
    segments = raw.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
  if (segments.some((s) => s === ".." || s === "." || /[/\\\0]/.test(s))) return null;
  const base = basePath.split("/").filter(Boolean);
  const inner = segments.slice(1);
  for (let i = 0; i < base.length; i++) if (inner[i] !== base[i]) return undefined;
  return inner.slice(base.length);
}

/** The output files a page path could be served from, most likely first (no disk access). */
export function candidateFiles(segments: readonly string[]): string[] {
  const rel = segments.join("/");
  if (rel === "" || rel.endsWith("/")) return [`${rel}index.html`];
  if (/\.[^./]+$/.test(segments[segments.length - 1]!)) return [rel, `${rel}/index.html`];
  return [rel, `${rel}.html`, `${rel}/index.html`];
}

const kindOf = (full: string): "file" | "folder" | undefined => {
  try {
    const stats = statSync(full);
    return stats.isFile() ? "file" : stats.isDirectory() ? "folder" : undefined;
  } catch {
    return undefined;
  }
};

/** Finds the file a request path names in the output folder `out`. */
export function locate(out: string, basePath: string, rawPath: string): Location {
  const segments = siteSegments(rawPath, basePath);
  if (segments === null) return { kind: "refused" };
  if (segments === undefined) {
    const bare = rawPath.split(/[?#]/, 1)[0]!;
    return bare === "/" || `${bare}/` === basePath ? { kind: "redirect", to: basePath } : { kind: "missing", files: [] };
  }
  // The base path without its slash: a folder asked for without its slash.
  if (segments.length === 0) return { kind: "redirect", to: basePath };
  const files = candidateFiles(segments);
  for (const file of files) {
    const full = path.resolve(out, file);
    const relative = path.relative(out, full);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return { kind: "refused" };
    const kind = kindOf(full);
    if (kind === "file") return { kind: "file", file, full };
    if (kind === "folder" && file === files[0] && !file.endsWith("index.html")) {
      const [pathname, query] = rawPath.split("?", 2);
      return { kind: "redirect", to: `${pathname}/${query === undefined ? "" : `?${query}`}` };
    }
  }
  return { kind: "missing", files };
}
