// The index bundle (`pagefind/`) on disk: which of its files a patch must move and delete, carrying
// it into a new output, and swapping a fresh one in. Its files are never rewritten in place, so a
// reader sees either the old bundle or the new one.

import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { sameBytes } from "../write/files.js";

/** The bundle's folder in the output. */
export const BUNDLE = "pagefind";

/** The file that names every other file of a bundle: moved last, so readers never see it ahead of them. */
const ENTRY = "pagefind-entry.json";

/** True when the folder holds a complete bundle. */
export function hasBundle(dir: string): boolean {
  return existsSync(path.join(dir, ENTRY));
}

/** Every file under a folder, relative with `/` separators, sorted (none when it does not exist). */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * The output files (`pagefind/...`) a patch commit must move in from the fresh bundle, entry file
 * last, and delete from the current one. Pagefind names index files by content, so an index that
 * gained a page moves only its new chunks and fragments.
 */
export function bundleChanges(fresh: string, current: string): { written: string[]; deleted: string[] } {
  const files = listFiles(fresh);
  const kept = new Set(files);
  const written = files
    .filter((file) => !sameBytes(current, file, readFileSync(path.join(fresh, file))))
    .sort((a, b) => Number(a === ENTRY) - Number(b === ENTRY))
    .map((file) => `${BUNDLE}/${file}`);
  const deleted = listFiles(current)
    .filter((file) => !kept.has(file))
    .map((file) => `${BUNDLE}/${file}`);
  return { written, deleted };
}

/** Puts a copy of a bundle at `to` (hard links where the file system allows: its files are never changed in place). */
export function carryBundle(from: string, to: string): void {
  if (!hasBundle(from)) return;
  for (const file of listFiles(from)) {
    const target = path.join(to, file);
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      linkSync(path.join(from, file), target);
    } catch {
      copyFileSync(path.join(from, file), target);
    }
  }
}

/** Replaces the output's bundle with a fresh one: two renames, then the old one is deleted. */
export function swapBundle(out: string, fresh: string): void {
  const target = path.join(out, BUNDLE);
  const old = `${fresh}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}
