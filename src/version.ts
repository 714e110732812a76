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

/** Version plus a hash of the sizes and times of broadsheet's compiled files (changes with every rebuild of its code). */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha1").update(VERSION);
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stats = statSync(full);
      if (stats.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(name)) hash.update(`${name}:${stats.size}:${stats.mtimeMs}\n`);
    }
  };
  walk(path.dirname(fileURLToPath(import.meta.url)));
  fingerprint = `${VERSION}-${hash.digest("hex").slice(0, 12)}`;
  return fingerprint;
}
