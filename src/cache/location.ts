// Where a build's cache lives, and never inside the output folder: a full build replaces that folder
// whole (taking the cache with it), and whatever is in it is published with the site, the parsed
// drafts and future posts of the cache included.

import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../config/load.js";
import { realPath, within } from "../config/out-folder.js";
import { BuildError } from "../errors.js";
import type { SitePaths } from "../types.js";
import { besideOutput } from "../write/output.js";

/**
 * Where the cache lives: `<root>/.broadsheet-cache`, or beside the output when the root cannot be
 * written to (a read-only checkout building into a folder elsewhere).
 */
export function cacheFolder(paths: SitePaths, option: string | undefined): string {
  if (!option) {
    const outInsideRoot = !path.relative(paths.root, paths.out).startsWith("..");
    return outInsideRoot || isWritable(paths.root) ? path.join(paths.root, ".broadsheet-cache") : besideOutput(paths.out, "broadsheet-cache");
  }
  const dir = path.resolve(option);
  const [out, cache] = [realPath(paths.out), realPath(dir)];
  if (out === cache || within(cache, out)) {
    throw new BuildError({
      code: "cache-folder",
      file: displayPath(dir),
      message: `the cache folder ${out === cache ? "is" : "is inside"} the output folder ${displayPath(paths.out)}; a build replaces that folder whole, and publishes what is in it`,
      hint: "keep the cache outside the output, e.g. --cache-dir .broadsheet-cache (or leave --cache-dir out for the default)",
    });
  }
  return dir;
}

/** A folder marked read-only counts as such even for root, whom access() lets write anywhere. */
function isWritable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return (statSync(folder).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}
