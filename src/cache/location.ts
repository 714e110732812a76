// Where a build's cache lives.

import path from "node:path";
import type { SitePaths } from "../types.js";
import { besideOutput } from "../write/output.js";

/** Where the cache lives: `<root>/.broadsheet-cache` for the default output, else beside the output (a read-only root stays untouched). */
export function cacheFolder(paths: SitePaths, option: string | undefined): string {
  if (option) return path.resolve(option);
  const outInsideRoot = !path.relative(paths.root, paths.out).startsWith("..");
  return outInsideRoot ? path.join(paths.root, ".broadsheet-cache") : besideOutput(paths.out, "broadsheet-cache");
}
