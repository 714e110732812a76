// `broadsheet dev`: the preview server's command line. Reads its flags, starts the loop, prints what
// each rebuild did and every error as `file:line:col  message`, and stops cleanly on Ctrl-C or SIGTERM.

import type { ParseArgsConfig } from "node:util";
import { displayPath } from "../config/load.js";
import { startDev, type BuildReport } from "../dev/session.js";
import { UsageError } from "../errors.js";
import { commandFlags, wholeNumber } from "./args.js";
import { formatProblem, formatStages, formatSummary } from "./format.js";

/** `broadsheet dev --help`. */
export const DEV_HELP = `Usage: broadsheet dev [options]

Builds the site into a preview folder (<root>/.broadsheet-dev/, never dist/), serves it, and rebuilds
what changed whenever a post, template, public file or site.yml changes. Open pages reload by
themselves; build errors show over the page until fixed. Drafts and future posts are shown.

Options:
  --root DIR        the site folder (default: .)
  --posts DIR       preview this folder's posts with the site's templates and config
  --port N          port to listen on (default: 4000; the next free one if taken; 0: any)
  --host HOST       address to listen on (default: localhost; 0.0.0.0 to reach it from other machines)
  --base-url URL    site URL and/or base path: https://host/news/ or /news/
  --no-drafts       leave drafts out, as build does
  --no-future       leave posts dated in the future out, as build does
  --no-search       no search index (it is otherwise refreshed shortly after each rebuild)
  --workers N       worker threads beside the main thread, which renders too (default: one per core less one; 0: the main thread alone)
  --quiet           print only errors
  --verbose         print stage timings and the files each rebuild wrote
  -h, --help        show this help

Stop with Ctrl-C.`;

const DEV_OPTIONS = {
  root: { type: "string" },
  posts: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  "base-url": { type: "string" },
  "no-drafts": { type: "boolean" },
  "no-future": { type: "boolean" },
  "no-search": { type: "boolean" },
  workers: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** Runs the preview until SIGINT or SIGTERM; resolves with the exit code. Throws UsageError and BuildError (no site folder). */
export async function devCommand(argv: readonly string[]): Promise<number> {
  const flags = commandFlags(argv, DEV_OPTIONS, DEV_HELP);
  if (!flags) return 0;
  const quiet = Boolean(flags.quiet);
  const verbose = Boolean(flags.verbose);
  const port = wholeNumber(flags.port as string | undefined, "--port") ?? 4000;
  if (port > 65535) throw new UsageError(`--port expects a port number up to 65535, got ${port}`);
  const host = (flags.host as string | undefined) ?? "localhost";
  const workers = wholeNumber(flags.workers as string | undefined, "--workers");

  // Signals are caught from the start: one during the first build stops the preview once it is up
  // (a second one, with no handler left, ends the process at once).
  let signalled!: () => void;
  const stopped = new Promise<void>((resolve) => (signalled = resolve));
  const stop = (): void => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    signalled();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const shown = new Set<string>();
  const session = await startDev(
    {
      host,
      port,
      build: {
        root: flags.root as string | undefined,
        posts: flags.posts as string | undefined,
        baseUrl: flags["base-url"] as string | undefined,
        drafts: !flags["no-drafts"],
        future: !flags["no-future"],
        search: flags["no-search"] ? false : undefined,
        workers,
      },
    },
    {
      built: (report) => printReport(report, { quiet, verbose, shown }),
      watchError: (error) => console.error(`broadsheet dev: watching failed: ${error.message}`),
      indexed: (result) => {
        if (verbose) console.log(`search: ${result.pages} pages indexed in ${result.seconds.toFixed(2)} s`);
      },
    },
  ).catch((error: unknown) => {
    stop();
    throw error;
  });
  if (!quiet) console.log(`Serving ${displayPath(session.out)} at ${session.url} (Ctrl-C to stop)`);
  else console.log(session.url);

  await stopped;
  if (!quiet) console.log("Stopping…");
  await session.close();
  return 0;
}

/** Prints one pass of the loop: new errors in full, a line when they are fixed, a short summary. */
function printReport(report: BuildReport, how: { quiet: boolean; verbose: boolean; shown: Set<string> }): void {
  const { summary } = report;
  const now = new Set<string>();
  for (const problem of report.crash ? [] : report.errors) {
    const text = formatProblem(problem);
    now.add(text);
    if (!how.shown.has(text)) console.error(text);
  }
  if (!how.quiet && summary) {
    for (const problem of summary.problems) if (problem.severity === "warning" && report.events.length === 0) console.error(formatProblem(problem));
  }
  if (how.shown.size > 0 && now.size === 0 && report.summary) console.error("Errors fixed.");
  how.shown.clear();
  for (const text of now) how.shown.add(text);
  if (report.crash) console.error(how.verbose ? (report.crash.stack ?? report.crash.message) : `broadsheet: internal error: ${report.crash.message} (run with --verbose for the stack trace)`);
  if (report.fatal) console.error("Build failed: the preview keeps serving the last good pages.");
  if (how.quiet || !summary) return;
  if (report.events.length === 0) {
    console.log(formatSummary(summary, displayPath(summary.out)));
  } else {
    const changed = summary.changes.written.length + report.previewed.length;
    const ahead = report.previewMs !== undefined && report.previewed.length ? ` (page in ${report.previewMs.toFixed(0)} ms)` : "";
    console.log(`Rebuilt in ${report.ms.toFixed(0)} ms${ahead}: ${changed} written, ${summary.changes.deleted.length} deleted · ${describe(report)}`);
  }
  if (how.verbose) {
    console.error(formatStages(summary));
    for (const file of [...report.previewed, ...summary.changes.written]) console.error(`  wrote ${file}`);
    for (const file of summary.changes.deleted) console.error(`  deleted ${file}`);
  }
}

/** What set a rebuild off: `posts/a.md` or `3 files`. */
function describe(report: BuildReport): string {
  const files = [...new Set(report.events.map((event) => displayPath(event.path)))];
  return files.length === 1 ? files[0]! : `${files.length} files changed`;
}
