// Test helpers: small whole sites in temporary folders, the CLI run as a user runs it, and output trees read back.

import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the bundled site). */
export const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** The compiled CLI. */
export const CLI = path.join(REPO, "lib", "bin", "cli.js");
/** Shared material beside the repository. */
export const SHARED = path.resolve(REPO, "..", "shared");

/** A fresh temporary folder. */
export function tempDir(prefix = "broadsheet-test-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const made: string[] = [];

/** Removes the temporary folders this test file made (tests/helpers/cleanup.ts runs it after each file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      chmodSync(dir, 0o755); // a test may leave a read-only root
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already, or held by a process the test left running: the system's temp cleaning takes it
    }
  }
}

/** Writes files (path → text) under a new temporary site folder and returns it. */
export function makeSite(files: Record<string, string | Buffer>, root = tempDir()): string {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** A post in the house format. */
export function post(fields: { title?: string; date?: string; categories?: string; tags?: string; extra?: string }, body = "<p>正文。</p>"): string {
  const lines = ["---", "layout: post"];
  if (fields.title !== undefined) lines.push(`title: ${JSON.stringify(fields.title)}`);
  if (fields.date !== undefined) lines.push(`date: ${fields.date}`);
  if (fields.categories !== undefined) lines.push(`categories: ${fields.categories}`);
  if (fields.tags !== undefined) lines.push(`tags: ${fields.tags}`);
  if (fields.extra) lines.push(fields.extra);
  lines.push("---", body);
  return lines.join("\n");
}

/** What a CLI run printed and returned. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `broadsheet ...args` to completion. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = startCli(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Starts `broadsheet ...args` without waiting for it. */
export function startCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Every file under a folder (relative paths, `/`-separated) with its bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string, prefix: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else files.set(prefix + name, readFileSync(full));
    }
  };
  walk(dir, "");
  return files;
}

/** A file of a built site as text. */
export function readOut(out: string, file: string): string {
  return readFileSync(path.join(out, file), "utf8");
}
