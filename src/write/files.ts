// Writing one output file: never outside the output folder, never a write whose bytes are already there.

import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeError } from "./failure.js";

/** What writing one file did. */
export interface WriteResult {
  /** False when the current output already held exactly these bytes (nothing was written). */
  readonly changed: boolean;
}

/** The absolute path of an output file, refusing any path that would leave the folder. */
export function outputPath(outDir: string, file: string): string {
  const full = path.resolve(outDir, file);
  const relative = path.relative(outDir, full);
  if (!relative || relative.startsWith("..") || path.isAbsolute(relative) || file.includes("\0")) {
    throw new Error(`refusing to write outside the output folder: ${JSON.stringify(file)}`);
  }
  return full;
}

/**
 * True when `file` in `dir` holds exactly these bytes (a text as UTF-8). The sizes are compared first,
 * so a text is encoded only when they match.
 */
export function sameBytes(dir: string, file: string, content: Buffer | string): boolean {
  const full = path.join(dir, file);
  try {
    const length = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length;
    if (statSync(full).size !== length) return false;
    return readFileSync(full).equals(typeof content === "string" ? Buffer.from(content, "utf8") : content);
  } catch {
    return false;
  }
}

// Folders this thread has made (or found) in this build: one mkdir per folder, not one per file.
const madeFolders = new Set<string>();

// The work folder whose post folders another thread made ahead (makeFoldersFor): writes there go
// straight to the file, and make folders only when the file's is missing.
let foldersMadeIn: string | undefined;

/** Forgets the folders made so far (a new build writes into a new work folder); `madeAhead`: the folder whose post folders were made ahead. */
export function forgetFolders(madeAhead?: string): void {
  madeFolders.clear();
  foldersMadeIn = madeAhead;
}

/** The folders holding `files` (relative paths), each listed once and after its parent. */
export function foldersOf(files: Iterable<string>): string[] {
  const seen = new Set<string>();
  const ordered: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== "." && dir !== "/" && !seen.has(dir); dir = path.posix.dirname(dir)) missing.push(dir);
    for (let i = missing.length - 1; i >= 0; i--) {
      seen.add(missing[i]!);
      ordered.push(missing[i]!);
    }
    missing.length = 0;
  }
  return ordered;
}

/**
 * Makes the folders of `files` (relative) in `outDir`, one mkdir each: a worker thread makes a cold
 * build's post folders this way while the main thread works out the model, time it would otherwise
 * spend idle.
 */
export function makeFoldersFor(outDir: string, files: Iterable<string>): void {
  for (const folder of foldersOf(files)) {
    let full: string;
    try {
      full = outputPath(outDir, folder);
    } catch {
      continue; // a path no page may have: the model reports its post
    }
    try {
      mkdirSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") mkdirSync(full, { recursive: true });
      else if (code !== "EEXIST") throw writeError(error, "the output", { file: full }) ?? error;
    }
  }
}

/**
 * Makes `dir` and the folders above it that this thread has not made, top-down from the nearest it
 * has: mkdir's recursive mode starts at the deepest folder and fails its way up, and a post's new
 * `category/2022/07/28/` cost five calls (two failing) for three folders.
 */
function makeFolders(outDir: string, dir: string): void {
  const missing: string[] = [];
  for (let folder = dir; !madeFolders.has(folder) && folder.length > outDir.length && folder !== path.dirname(folder); folder = path.dirname(folder)) missing.push(folder);
  if (madeFolders.size + missing.length > 100_000) madeFolders.clear();
  // Recursive still: a folder the other thread made meanwhile is no error.
  for (let i = missing.length - 1; i >= 0; i--) {
    mkdirSync(missing[i]!, { recursive: true });
    madeFolders.add(missing[i]!);
  }
}

/**
 * Writes `text` to `outDir/file`. With `currentDir` (an incremental build), a file whose bytes are
 * already in the current output is not written at all.
 */
export function writeOutputFile(outDir: string, file: string, text: string, currentDir?: string): WriteResult {
  // The text goes to the file as it is: encoding it into a Buffer of our own first cost a third more
  // (and so did counting its bytes for every page: a quarter of the main thread's time writing feeds).
  if (currentDir && sameBytes(currentDir, file, text)) return { changed: false };
  const full = outputPath(outDir, file);
  const dir = path.dirname(full);
  try {
    if (outDir !== foldersMadeIn && !madeFolders.has(dir)) makeFolders(outDir, dir);
    try {
      writeFileSync(full, text);
    } catch (error) {
      // A folder not made ahead, or removed since (a new work folder with the same name): made now.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      madeFolders.delete(dir);
      makeFolders(outDir, dir);
      writeFileSync(full, text);
    }
  } catch (error) {
    // Raised here, in the thread that wrote: a worker passes BuildErrors on whole, other errors as text only.
    throw writeError(error, "the output", { file: full }) ?? error;
  }
  return { changed: true };
}
