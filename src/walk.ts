// Listing a theme folder (templates/, public/): names sorted, symlinks followed, a folder reached a
// second time (a symlink loop) skipped, and a link that leads nowhere reported as a warning, not
// thrown: one stray link in public/ must not stop the news, nor end a build as an "internal error".

import { readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { displayPath } from "./config/load.js";
import { problem, type Problem } from "./errors.js";

/** A file found under the folder: its path relative to the folder (with `/`), where it is, its stats. */
export interface WalkedFile {
  readonly name: string;
  readonly path: string;
  readonly stats: Stats;
}

/** The files under `dir` (none when it does not exist), skipping names `skip` says are not content. */
export function walkFiles(dir: string, skip: (name: string) => boolean): { files: WalkedFile[]; problems: Problem[] } {
  const files: WalkedFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const walk = (folder: string, prefix: string): void => {
    let names: string[];
    try {
      names = readdirSync(folder);
      const real = realpathSync(folder);
      if (seen.has(real)) {
        problems.push(problem("warning", "symlink-loop", displayPath(folder), "folder already read through another path (a symlink loop?); skipped"));
        return;
      }
      seen.add(real);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (skip(name)) continue;
      const full = path.join(folder, name);
      let stats: Stats;
      try {
        stats = statSync(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message = code === "ENOENT" || code === "ELOOP" ? "broken or looping symlink; skipped" : `cannot read: ${code ?? (error as Error).message}; skipped`;
        problems.push(problem("warning", "unreadable", displayPath(full), message, "remove the link, or point it at a file that exists"));
        continue;
      }
      if (stats.isDirectory()) walk(full, `${prefix}${name}/`);
      else files.push({ name: prefix + name, path: full, stats });
    }
  };
  walk(dir, "");
  return { files, problems };
}
