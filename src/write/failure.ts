// File system errors met while writing (a full disk, a read-only or missing folder, a file where a
// folder should be) as BuildErrors that say what happened, where, and what to do.

import path from "node:path";
import { displayPath } from "../config/load.js";
import { BuildError } from "../errors.js";

const REASONS: Readonly<Record<string, readonly [reason: string, hint: string]>> = {
  ENOSPC: ["no space left on the device", "free some space and build again"],
  EDQUOT: ["the disk quota is used up", "free some space and build again"],
  EFBIG: ["a file is larger than the file system or the process's file size limit allows", "check `ulimit -f`, or write to another file system"],
  EROFS: ["the file system is read-only", "choose another --out"],
  EACCES: ["permission denied", "make the folder writable, or choose another --out"],
  EPERM: ["permission denied", "make the folder writable, or choose another --out"],
  ENOTDIR: ["part of the path is a file, not a folder", "choose another --out"],
  ENOENT: ["a folder on the way does not exist", "create the folder, or choose another --out"],
  EISDIR: ["a folder stands where a file should be", "remove it, or choose another --out"],
  EEXIST: ["a file stands where a folder should be", "remove it, or choose another --out"],
  EIO: ["input/output error", "check the disk"],
  EMFILE: ["too many open files", "raise `ulimit -n` and build again"],
  ENFILE: ["too many open files in the system", "build again when fewer files are open"],
  ENAMETOOLONG: ["a path is too long", "choose an --out with a shorter path"],
};

/** How to word a write error: its hint (or a hint made from the advice for the errno), the file when the error has none, its code (default `output`). */
export interface WriteErrorOptions {
  readonly hint?: string | ((advice: string) => string);
  readonly file?: string;
  readonly code?: string;
}

/**
 * A BuildError for a file system error from writing `what` (e.g. "the output"), or undefined when
 * the error is not one (a bug is left to surface as itself).
 */
export function writeError(error: unknown, what: string, options: WriteErrorOptions = {}): BuildError | undefined {
  if (error instanceof BuildError || !(error instanceof Error)) return undefined;
  const { code, syscall, path: where } = error as NodeJS.ErrnoException;
  const reason = code ? REASONS[code] : undefined;
  if (!reason || !syscall) return undefined;
  const file = where ?? options.file;
  return new BuildError(
    {
      code: options.code ?? "output",
      file: file ? displayPath(file) : undefined,
      message: `cannot write ${what}: ${reason[0]} (${code} in ${syscall})`,
      hint: typeof options.hint === "function" ? options.hint(reason[1]) : (options.hint ?? `${reason[1]}; the previous output is left as it was`),
    },
    { cause: error },
  );
}

/** A writeError for an error whose path is the output folder or one of its companions beside it (lock, journal, work folders). */
export function outputError(error: unknown, out: string): BuildError | undefined {
  const file = (error as NodeJS.ErrnoException)?.path;
  if (typeof file !== "string") return undefined;
  const head = path.relative(path.dirname(out), path.resolve(file)).split(path.sep)[0]!;
  const base = path.basename(out);
  return head === base || head.startsWith(`.${base}.`) ? writeError(error, "the output") : undefined;
}
