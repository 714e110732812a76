// The theme's and the site's static files (public/): listed with a cheap signature, copied as they are.

import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../config/load.js";
import { problem, type Problem } from "../errors.js";
import { isIgnoredName } from "../read.js";
import { walkFiles } from "../walk.js";
import { outputPath } from "./files.js";

/** A static file to copy: its output path, where it comes from, and a signature of its state. */
export interface PublicFile {
  readonly file: string;
  readonly source: string;
  readonly signature: string;
}

/** Every static file, the first folder winning for a path; and the links among them that led nowhere. */
export function listPublicFiles(dirs: readonly string[]): { files: PublicFile[]; problems: Problem[] } {
  const files = new Map<string, PublicFile>();
  const problems: Problem[] = [];
  for (const dir of dirs) {
    const found = walkFiles(dir, isIgnoredName);
    problems.push(...found.problems);
    for (const { name: file, path: source, stats } of found.files) {
      if (stats.isFile() && !files.has(file)) files.set(file, { file, source, signature: `public:${stats.size}:${stats.mtimeMs}:${source}` });
    }
  }
  return { files: [...files.values()], problems };
}

/**
 * Splits static files into those to copy and those a generated page of the same path hides (the
 * page wins), each hidden one a warning: a site's own `public/404.html` would otherwise vanish unsaid.
 */
export function hideUnderPages(files: readonly PublicFile[], pages: ReadonlySet<string>): { copyable: PublicFile[]; warnings: Problem[] } {
  const copyable: PublicFile[] = [];
  const warnings: Problem[] = [];
  for (const file of files) {
    if (!pages.has(file.file)) copyable.push(file);
    else warnings.push(problem("warning", "public-hidden", displayPath(file.source), `is not copied: broadsheet generates ${file.file} itself`, "rename the file, or override the page's template in templates/"));
  }
  return { copyable, warnings };
}

/** Copies static files into a folder. */
export function copyPublicFiles(files: readonly PublicFile[], outDir: string): void {
  const made = new Set<string>();
  for (const { file, source } of files) {
    const target = outputPath(outDir, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    copyFileSync(source, target);
  }
}
