// broadsheet's own version, and a fingerprint of its code: the build cache is only trusted by the
// exact code that wrote it.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { PACKAGE_ROOT } from "./config/load.js";

/** The version in broadsheet's package.json. */
export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;

let fingerprint: string | undefined;

/** Version plus a hash of the sizes and times of broadsheet's compiled code (changes with every rebuild of it). */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha1").update(VERSION);
  // Only the .js files are stat'ed: the type declarations and source maps beside them (two thirds
  // of lib/) change nothing a build does, and every build, no-change ones too, walks this folder.
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) {
        const stats = statSync(full);
        hash.update(`${entry.name}:${stats.size}:${stats.mtimeMs}\n`);
      }
    }
  };
  walk(path.dirname(fileURLToPath(import.meta.url)));
  fingerprint = `${VERSION}-${hash.digest("hex").slice(0, 12)}`;
  return fingerprint;
}
