// Writing a new post's file: never over another. A name is taken when a post or draft of that day
// and slug exists under any post extension; the next free one gets `-2`, `-3`, created exclusively
// so that two writers at once cannot both get the same name.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POST_EXTENSIONS } from "../read.js";

/** Names to try in turn (`n` is 1, 2, 3, …), and the folders whose posts a name must not repeat. */
export interface NewPostPlace {
  readonly dir: string;
  readonly name: (n: number) => string;
  readonly others: readonly string[];
}

/** Most suffixes tried before giving up: a day with a thousand posts of one slug is a runaway script. */
const MAX_TRIES = 1000;

/** Writes `text` under the first free name; returns the file's path. Throws when none is free. */
export function writeNewPost(place: NewPostPlace, text: string): string {
  mkdirSync(place.dir, { recursive: true });
  for (let n = 1; n <= MAX_TRIES; n++) {
    const name = place.name(n);
    const stem = name.replace(/\.[^.]+$/, "");
    const taken = [place.dir, ...place.others].some((dir) => POST_EXTENSIONS.some((ext) => existsSync(path.join(dir, stem + ext))));
    if (taken) continue;
    const file = path.join(place.dir, name);
    try {
      writeFileSync(file, text, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`no free file name after ${MAX_TRIES} tries: ${place.name(1)}`);
}
