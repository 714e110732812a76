// Test helpers for outcomes: build a small site with the CLI and read back what it reported per
// file, and digests of whole output trees (to prove a folder was left exactly as it was).

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { makeSite, readTree, runCli, type RunResult } from "./site.js";

/** A built site: its folder, output folder and what the CLI printed. */
export interface Built extends RunResult {
  readonly root: string;
  readonly out: string;
  /** stderr split into problems: `posts/x.md:2:9  message (skipped)` → its first line, by file. */
  readonly reports: ReadonlyMap<string, string>;
}

/** Writes the files into a new site and builds it (`--no-cache --no-search`, extra args appended), from the site folder. */
export async function buildFiles(files: Record<string, string | Buffer>, args: readonly string[] = []): Promise<Built> {
  const root = makeSite(files);
  return buildAt(root, args);
}

/** Builds an existing site folder from inside it (without the search index unless asked: it is not what most of these tests are about). */
export async function buildAt(root: string, args: readonly string[] = [], options: { search?: boolean } = {}): Promise<Built> {
  const result = await runCli(["build", "--no-cache", "--workers", "0", ...(options.search ? [] : ["--no-search"]), ...args], { cwd: root });
  return { ...result, root, out: path.join(root, "dist"), reports: reportsByFile(result.stderr) };
}

/** The first line of each reported problem, keyed by the file it names (without `:line:col`). */
export function reportsByFile(stderr: string): Map<string, string> {
  const reports = new Map<string, string>();
  for (const line of stderr.split("\n")) {
    const match = /^(\S[^:\s]*?)(?::\d+(?::\d+)?)?  /.exec(line);
    if (match) reports.set(match[1]!, line);
  }
  return reports;
}

/** One hash over every file (path and bytes) under a folder; "" when the folder does not exist. */
export function treeDigest(dir: string): string {
  if (!existsSync(dir)) return "";
  const hash = createHash("sha256");
  for (const [file, bytes] of readTree(dir)) hash.update(file).update("\0").update(bytes).update("\0");
  return hash.digest("hex");
}
