// Output folder → disk, all or nothing. A full build writes into a staging folder that replaces the
// output in one rename. An incremental build writes its few changed files into a patch folder and
// commits them through a journal, so a build killed at any moment is completed by the next one; a
// failed build never touches the output at all.

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";
import { writeError } from "./failure.js";
import { outputPath } from "./files.js";

/** A path next to the output folder: `/site/dist` + `lock` → `/site/.dist.lock`. */
export function besideOutput(out: string, tag: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${tag}`);
}

/** A commit that was under way; written before the first change to the output, removed after the last. */
type Journal = { readonly kind: "swap"; readonly staging: string; readonly old: string } | { readonly kind: "patch"; readonly patch: string; readonly written: string[]; readonly deleted: string[] };

function writeJournal(out: string, journal: Journal): void {
  const file = besideOutput(out, "journal");
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(journal));
  const fd = openSync(temp, "r");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, file);
}

/** What recovery found. */
export interface Recovery {
  readonly notes: string[];
  /** A commit was under way: what the last build recorded about the output cannot be trusted. */
  readonly interrupted: boolean;
}

/**
 * Finishes a commit a killed build left half done (every step is safe to repeat), then removes the
 * staging and patch folders of dead builds. Call with the lock held.
 */
export function recoverOutput(out: string): Recovery {
  const notes: string[] = [];
  const file = besideOutput(out, "journal");
  rmSync(`${file}.tmp`, { force: true }); // a journal never written whole: its commit never began
  const interrupted = existsSync(file);
  if (interrupted) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(readFileSync(file, "utf8")) as Journal;
    } catch {
      journal = undefined;
    }
    if (journal?.kind === "swap") {
      finishSwap(out, journal.staging, journal.old);
      notes.push("completed the output swap of an interrupted build");
    } else if (journal?.kind === "patch") {
      applyPatch(out, journal.patch, journal.written, journal.deleted);
      notes.push("completed the commit of an interrupted build");
    }
    rmSync(file, { force: true });
  }
  const prefix = `.${path.basename(out)}.`;
  for (const name of safeList(path.dirname(out))) {
    if (name.startsWith(prefix) && /\.(staging|patch|old)-\d+(-\d+)?$/.test(name) && !beingDeleted(name)) {
      try {
        rmSync(path.join(path.dirname(out), name), { recursive: true, force: true });
      } catch {
        // removed by someone else meanwhile
      }
    }
  }
  return { notes, interrupted };
}

/** Puts a complete tree in place after an interrupted swap: the new one if it is there, else the old one back. */
function finishSwap(out: string, staging: string, old: string): void {
  if (!existsSync(out)) {
    if (existsSync(staging)) renameSync(staging, out);
    else if (existsSync(old)) renameSync(old, out);
  }
  if (existsSync(out)) rmSync(old, { recursive: true, force: true });
}

/** Ends a commit: from now on the output and what the build recorded about it (the cache) agree. */
export function closeJournal(out: string): void {
  rmSync(besideOutput(out, "journal"), { force: true });
}

/** An old output handed to a background `rm` in the last ten minutes: left to it. */
function beingDeleted(name: string): boolean {
  const since = /\.old-\d+-(\d+)$/.exec(name)?.[1];
  return since !== undefined && Date.now() - Number(since) < 600_000;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A fresh, empty folder beside the output for this build to write into. */
export function createWorkFolder(out: string, kind: "staging" | "patch"): string {
  const dir = besideOutput(out, `${kind}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Replaces the output folder with a complete staging folder. The old tree is deleted in the
 * background. The journal stays until closeJournal: a build killed before then is completed, and
 * its cache distrusted, by the next one.
 */
export function commitStaging(out: string, staging: string): void {
  const old = besideOutput(out, `old-${process.pid}`);
  journalOrDiscard(out, { kind: "swap", staging, old }, staging);
  const hadOutput = existsSync(out);
  try {
    if (hadOutput) renameSync(out, old);
    mkdirSync(path.dirname(out), { recursive: true });
    renameSync(staging, out);
  } catch (error) {
    // Never leave the output missing: the old tree goes back, the journal is no longer needed.
    if (hadOutput && !existsSync(out) && existsSync(old)) renameSync(old, out);
    closeJournal(out);
    throw error;
  }
  if (hadOutput) removeInBackground(old);
}

/**
 * Deletes a folder without waiting: tens of thousands of unlinks would otherwise add a second to a
 * build. A detached `rm` does it where there is one; an interrupted deletion is finished by the
 * next build (recoverOutput removes `.old-*` folders).
 */
export function removeInBackground(dir: string): void {
  const trash = `${dir}-${Date.now()}`;
  renameSync(dir, trash);
  if (process.platform !== "win32") {
    try {
      spawn("rm", ["-rf", trash], { detached: true, stdio: "ignore" }).unref();
      return;
    } catch {
      // no rm: delete here
    }
  }
  rmSync(trash, { recursive: true, force: true });
}

/**
 * Moves written files from the patch folder into the output and deletes files that no longer belong.
 * The journal stays until closeJournal (see commitStaging).
 */
export function commitPatch(out: string, patch: string, written: string[], deleted: string[]): void {
  if (written.length === 0 && deleted.length === 0) {
    rmSync(patch, { recursive: true, force: true });
    return;
  }
  journalOrDiscard(out, { kind: "patch", patch, written, deleted }, patch);
  try {
    applyPatch(out, patch, written, deleted);
  } catch (error) {
    const hint = (advice: string): string => `${advice.replace(/ and build again$/, "")}, then build again: the output is partly updated and the next build completes it`;
    throw writeError(error, "the output", { code: "output-partial", hint }) ?? error;
  }
}

/** Writes the journal; a commit that cannot even record itself has changed nothing, and its work folder goes. */
function journalOrDiscard(out: string, journal: Journal, work: string): void {
  try {
    writeJournal(out, journal);
  } catch (error) {
    const temp = `${besideOutput(out, "journal")}.tmp`;
    rmSync(temp, { force: true });
    rmSync(work, { recursive: true, force: true });
    throw writeError(error, "the output", { file: temp }) ?? error;
  }
}

function applyPatch(out: string, patch: string, written: readonly string[], deleted: readonly string[]): void {
  for (const file of written) {
    const from = path.join(patch, file);
    if (!existsSync(from)) continue; // moved already, before an interruption
    const to = outputPath(out, file);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      renameSync(from, to); // atomic replacement of a file
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EISDIR" && code !== "ENOTEMPTY" && code !== "ENOTDIR" && code !== "EEXIST") throw error;
      rmSync(to, { recursive: true, force: true }); // a folder (the search index) replaced whole
      renameSync(from, to);
    }
  }
  for (const file of deleted) {
    const target = outputPath(out, file);
    rmSync(target, { recursive: true, force: true });
    removeEmptyParents(out, path.dirname(target));
  }
  rmSync(patch, { recursive: true, force: true });
}

function removeEmptyParents(out: string, dir: string): void {
  for (let current = dir; current.startsWith(out + path.sep); current = path.dirname(current)) {
    try {
      if (readdirSync(current).length > 0) return;
      rmdirSync(current);
    } catch {
      return;
    }
  }
}

/** Throws the build's work away; the output is untouched. */
export function discardWorkFolder(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Throws a work folder away once `writing` (a thread making folders in it) is done: else it would make them again. */
export async function discardWorkFolderAfter(dir: string | undefined, writing: Promise<void> | undefined): Promise<void> {
  await writing?.catch(() => undefined);
  discardWorkFolder(dir);
}
