// One build at a time per output folder: a lock file beside it holding the builder's pid. A lock
// left by a process that no longer exists (killed) is taken over.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { BuildError } from "../errors.js";
import { displayPath } from "../config/load.js";
import { besideOutput } from "./output.js";

/** A held lock; release it when the build ends. */
export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock of an output folder, or throws BuildError (code `locked`) naming the process that holds it. */
export function acquireLock(out: string): Lock {
  const file = besideOutput(out, "lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSafe(file), 10);
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new BuildError({
          code: "locked",
          file: displayPath(out),
          message: `another broadsheet process (pid ${pid}) is building into this folder`,
          hint: "wait for it to finish; if no such build is running, delete " + displayPath(file),
        });
      }
      rmSync(file, { force: true });
    }
  }
  throw new BuildError({ code: "locked", file: displayPath(out), message: "could not take the build lock" });
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
