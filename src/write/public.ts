// The theme's and the site's static files (public/): listed with a cheap signature, copied as they are.

import { copyFileSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isIgnoredName } from "../read.js";
import { outputPath } from "./files.js";

/** A static file to copy: its output path, where it comes from, and a signature of its state. */
export interface PublicFile {
  readonly file: string;
  readonly source: string;
  readonly signature: string;
}

/** Every static file, the first folder winning for a path. */
export function listPublicFiles(dirs: readonly string[]): PublicFile[] {
  const files = new Map<string, PublicFile>();
  const walk = (dir: string, prefix: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (isIgnoredName(name)) continue;
      const full = path.join(dir, name);
      const stats = statSync(full);
      const file = prefix + name;
      if (stats.isDirectory()) walk(full, `${file}/`);
      else if (stats.isFile() && !files.has(file)) files.set(file, { file, source: full, signature: `public:${stats.size}:${stats.mtimeMs}:${full}` });
    }
  };
  for (const dir of dirs) walk(dir, "");
  return [...files.values()];
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
