// Test helpers for faults: builds killed at a chosen moment (after a delay, or exactly at the n-th
// call of a file system function, through tests/helpers/faults.c loaded with LD_PRELOAD), file
// system calls that fail as on a full disk, generated corpora, and what an output folder may hold
// after an interruption.

import { execFileSync, spawn, type SpawnOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { CLI, readTree, SHARED, startCli, type RunResult } from "./site.js";

/** Generates `count` posts of the shared corpus into a new folder under `dir`. */
export function corpus(dir: string, count: number, seed = 1): string {
  const posts = path.join(dir, `posts-${count}-${seed}`);
  execFileSync(process.execPath, [path.join(SHARED, "corpus", "generate.mjs"), "--posts", String(count), "--out", posts, "--seed", String(seed)]);
  return posts;
}

/** Collects a child's output until it ends. */
function collect(child: ReturnType<typeof spawn>): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs any program to completion (e.g. the CLI under another user, or under `ulimit`). */
export function runProcess(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<RunResult> {
  return collect(spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] }));
}

/** Runs `broadsheet ...args` and kills it with SIGKILL after `ms` milliseconds (if still running). */
export function killAfter(args: readonly string[], cwd: string, ms: number): Promise<RunResult> {
  const child = startCli(args, { cwd });
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  return collect(child).finally(() => clearTimeout(timer));
}

const SOURCE = fileURLToPath(new URL("./faults.c", import.meta.url));

/** The fault library, compiled once per version of its source with the system C compiler. */
export function faultLibrary(): string {
  const source = readFileSync(SOURCE);
  const library = path.join(tmpdir(), `broadsheet-faults-${createHash("sha1").update(source).digest("hex").slice(0, 12)}.so`);
  if (!existsSync(library)) {
    const temp = `${library}.${process.pid}`;
    // cc is gcc on Debian; g++ alone (which Node's native addons need) compiles C as well.
    const compilers: [string, string[]][] = [["cc", []], ["gcc", []], ["g++", ["-x", "c"]]];
    const compiler = compilers.find(([name]) => {
      try {
        execFileSync(name, ["--version"], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    });
    if (!compiler) throw new Error("fault tests need a C compiler (cc, gcc or g++): apt-get install gcc");
    execFileSync(compiler[0], [...compiler[1], "-shared", "-fPIC", "-O2", "-o", temp, SOURCE, "-ldl"]);
    renameSync(temp, library);
  }
  return library;
}

/**
 * Runs `broadsheet ...args` with a fault: `rename:3:kill` kills the build as it enters its third
 * rename; `write:40:ENOSPC` fails its 40th write to a file and every later one (see faults.c).
 */
export function withFault(args: readonly string[], cwd: string, fault: string): Promise<RunResult> {
  return collect(startCli(args, { cwd, env: { LD_PRELOAD: faultLibrary(), BROADSHEET_FAULT: fault } }));
}

/** How many times a build calls a file system function (rename, link, unlink, rmdir, mkdir, write). */
export async function countCalls(args: readonly string[], cwd: string, call: string): Promise<number> {
  const log = path.join(tmpdir(), `broadsheet-calls-${process.pid}-${Date.now()}`);
  const run = await collect(startCli(args, { cwd, env: { LD_PRELOAD: faultLibrary(), BROADSHEET_FAULT: `${call}:0:count`, BROADSHEET_FAULT_LOG: log } }));
  expect(run.code, run.stderr).toBe(0);
  // The build's own count; processes it started (a background rm) add theirs.
  const count = readFileSync(log, "utf8").split("\n").filter(Boolean).map(Number).reduce((a, b) => a + b, 0);
  rmSync(log);
  return count;
}

/** Files beside the output that a build leaves only while it runs or after it was interrupted. */
export function leftovers(out: string): string[] {
  const base = path.basename(out);
  return readdirSync(path.dirname(out)).filter((name) => name.startsWith(`.${base}.`) && !/\.old-\d+-\d+$/.test(name));
}

/**
 * Asserts a folder is a mix of two complete trees: every file is whole, either the one or the
 * other's, and every file both trees hold is there (files only one holds may be missing).
 */
export function expectMixOf(out: string, before: ReadonlyMap<string, Buffer>, after: ReadonlyMap<string, Buffer>): void {
  const now = readTree(out);
  for (const [file, bytes] of now) {
    const whole = before.get(file)?.equals(bytes) || after.get(file)?.equals(bytes);
    expect(whole, `${file} is one of the two versions`).toBe(true);
  }
  for (const file of before.keys()) if (after.has(file)) expect(now.has(file), `${file} is there`).toBe(true);
}
