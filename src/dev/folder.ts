// Where the preview builds: a folder of its own, never dist/, so drafts and the reload script never
// reach what gets published. Inside the site folder when it is writable, else in the temp folder.

import { createHash } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The folder holding the preview's output (`site/`) and its lock, journal and work folders. */
export function devFolder(root: string): string {
  try {
    accessSync(root, constants.W_OK);
    return path.join(root, ".broadsheet-dev");
  } catch {
    const id = createHash("sha1").update(path.resolve(root)).digest("hex").slice(0, 12);
    return path.join(tmpdir(), `broadsheet-dev-${id}`);
  }
}

/** The preview's output folder inside the dev folder. */
export const devOutput = (root: string): string => path.join(devFolder(root), "site");
