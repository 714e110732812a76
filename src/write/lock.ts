// One build at a time per output folder: a lock file beside it holding the builder's pid. A lock
// left by a process that no longer exists (killed) is taken over.

import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BuildError } from "../errors.js";
import { displayPath } from "../config/load.js";
import { writeError } from "./failure.js";
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

const holder = (file: string): number => Number.parseInt(readFileSafe(file), 10);

/** Takes the lock of an output folder, or throws BuildError (code `locked`) naming the process that holds it. */
export function acquireLock(out: string): Lock {
  const file = besideOutput(out, "lock");
  // The lock appears with its pid already in it (a hard link to a written file), so no one ever
  // reads an empty lock and takes it for a dead one.
  const mine = `${file}.${process.pid}`;
  try {
    makeFolder(path.dirname(file));
    writeFileSync(mine, `${process.pid}\n`);
  } catch (error) {
    throw writeError(error, "the output", { hint: "check the --out path: its folder must be a writable folder" }) ?? error;
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        sweepDeadTemporaries(file);
        return { release: () => rmSync(file, { force: true }) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(error, "the output") ?? error;
      }
      const pid = holder(file);
      if (pid !== process.pid && !Number.isNaN(pid) && alive(pid)) {
        throw new BuildError({
          code: "locked",
          file: displayPath(out),
          message: `another broadsheet process (pid ${pid}) is building into this folder`,
          hint: "wait for it to finish; if no such build is running, delete " + displayPath(file),
        });
      }
      takeOver(file, pid);
    }
    throw new BuildError({ code: "locked", file: displayPath(out), message: "could not take the build lock: other builds keep taking it" });
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Removes a dead holder's lock. It is first moved aside under a name of our own, so of two builds
 * taking over at once only one moves it; the other finds its move failing, or a live lock it must
 * put back.
 */
function takeOver(file: string, dead: number): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // another build moved it first
  }
  const moved = holder(aside);
  if (moved !== dead && !(Number.isNaN(moved) && Number.isNaN(dead))) {
    // A live build's lock, taken between our read and our move: give it back.
    try {
      linkSync(aside, file);
    } catch {
      // a third build took the free lock meanwhile; the holder of `aside` keeps running without its file
    }
  }
  rmSync(aside, { force: true });
}

/**
 * mkdir -p, parents first. Not `mkdirSync(dir, { recursive: true })`: Node's loops forever where the
 * parent exists but cannot hold folders (`/proc/x`), and this is the first write to an --out.
 */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && statSync(dir).isDirectory()) return;
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw error;
    makeFolder(path.dirname(dir));
    mkdirSync(dir);
  }
}

/** Removes the temporary lock files of processes killed while taking the lock. */
function sweepDeadTemporaries(file: string): void {
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(?:stale-)?(\d+)$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid))) rmSync(path.join(path.dirname(file), name), { force: true });
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
