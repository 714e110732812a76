// `broadsheet build`: its flags, the build, and what is printed about it.

import type { ParseArgsConfig } from "node:util";
import { build } from "../build.js";
import { displayPath } from "../config/load.js";
import type { BuildOptions } from "../types.js";
import { commandFlags, wholeNumber } from "./args.js";
import { formatProblem, formatStages, formatSummary } from "./format.js";
import { progressReporter } from "./progress.js";

const BUILD_HELP = `Usage: broadsheet build [options]

Builds posts/ through templates/ into a static folder, replacing it only when the build succeeds.

Options:
  --root DIR        the site folder (default: .)
  --posts DIR       build this folder's posts with the site's templates and config
  --out DIR         output folder (default: <root>/dist)
  --base-url URL    site URL and/or base path: https://host/news/ or /news/
  --drafts          include drafts (draft: true, or files in a drafts/ folder)
  --future          include posts dated in the future
  --strict          fail on any warning or skipped post (exit 1, output untouched)
  --no-cache        build cold: read and write no cache
  --cache-dir DIR   where the build cache lives
                    (default: <root>/.broadsheet-cache, or beside --out when the root is read-only)
  --workers N       worker threads beside the main thread, which renders too (default: one per core less one; 0: the main thread alone)
  --no-search       do not build the search index
  --quiet           print only errors
  --verbose         print stage timings, notes, and stack traces of internal errors
  -h, --help        show this help

Exit codes: 0 built, 1 failed, 2 usage error.`;

const BUILD_OPTIONS = {
  root: { type: "string" },
  posts: { type: "string" },
  out: { type: "string" },
  "base-url": { type: "string" },
  drafts: { type: "boolean" },
  future: { type: "boolean" },
  strict: { type: "boolean" },
  "no-cache": { type: "boolean" },
  "cache-dir": { type: "string" },
  workers: { type: "string" },
  "no-search": { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** `broadsheet build`: resolves with the exit code. */
export async function buildCommand(argv: readonly string[]): Promise<number> {
  const flags = commandFlags(argv, BUILD_OPTIONS, BUILD_HELP);
  if (!flags) return 0;
  const quiet = Boolean(flags.quiet);
  const verbose = Boolean(flags.verbose);
  const progress = quiet ? undefined : progressReporter(process.stderr);
  const options: BuildOptions = {
    root: flags.root as string | undefined,
    posts: flags.posts as string | undefined,
    out: flags.out as string | undefined,
    baseUrl: flags["base-url"] as string | undefined,
    drafts: Boolean(flags.drafts),
    future: Boolean(flags.future),
    strict: Boolean(flags.strict),
    cacheDir: flags["no-cache"] ? false : (flags["cache-dir"] as string | undefined),
    workers: wholeNumber(flags.workers as string | undefined, "--workers"),
    search: flags["no-search"] ? false : undefined,
    onProgress: progress?.update,
  };
  const summary = await build(options).finally(() => progress?.done());
  const strictFailure = !summary.ok;
  for (const problem of [...summary.skipped, ...summary.problems]) {
    if (quiet && problem.severity === "warning" && !strictFailure) continue;
    console.error(formatProblem(problem, problem.severity === "error" && summary.skipped.includes(problem) ? " (skipped)" : ""));
  }
  if (verbose) {
    for (const note of summary.notes) console.error(`note: ${note}`);
    console.error(formatStages(summary));
  }
  if (strictFailure) {
    console.error(`--strict: ${summary.skipped.length + summary.problems.length} problem(s); nothing was written`);
  }
  if (!quiet || strictFailure) console.log(formatSummary(summary, displayPath(summary.out)));
  return strictFailure ? 1 : 0;
}

