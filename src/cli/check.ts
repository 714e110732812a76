// `broadsheet check`: reads its flags, runs the site check, prints each problem and a count.
// Exit code 0 when the site has no problem, 1 when it has any, 2 for a usage error.

import type { ParseArgsConfig } from "node:util";
import { checkSite } from "../check/site.js";
import { commandFlags, wholeNumber } from "./args.js";
import { formatProblem, plural } from "./format.js";

const HELP = `Usage: broadsheet check [options]

Validates the whole site without writing dist/: every post's front matter and date, duplicate
URLs, categories and tags missing from the registry, templates, and every internal link and asset
reference of every page (links in posts to the site's own host included). Builds into a temporary
folder, prints each problem as file:line  message, then a count.

Options:
  --root DIR        the site folder (default: .)
  --posts DIR       check this folder's posts with the site's templates and config
  --base-url URL    site URL and/or base path: https://host/news/ or /news/
  --drafts          include drafts
  --future          include posts dated in the future
  --workers N       worker threads beside the main thread, which renders too (default: one per core less one)
  -h, --help        show this help

Exit codes: 0 no problems, 1 problems found, 2 usage error.`;

const OPTIONS = {
  root: { type: "string" },
  posts: { type: "string" },
  "base-url": { type: "string" },
  drafts: { type: "boolean" },
  future: { type: "boolean" },
  workers: { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** Runs `broadsheet check`; resolves with the exit code. */
export async function checkCommand(argv: readonly string[]): Promise<number> {
  const flags = commandFlags(argv, OPTIONS, HELP);
  if (!flags) return 0;
  const report = await checkSite({
    root: flags.root as string | undefined,
    posts: flags.posts as string | undefined,
    baseUrl: flags["base-url"] as string | undefined,
    drafts: Boolean(flags.drafts),
    future: Boolean(flags.future),
    workers: wholeNumber(flags.workers as string | undefined, "--workers"),
  });
  for (const problem of report.problems) console.log(formatProblem(problem));
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const warnings = report.problems.length - errors;
  const checked = `${plural(report.posts, "post")}, ${plural(report.pages, "page")} checked in ${report.seconds.toFixed(2)} s`;
  console.log(
    report.problems.length === 0
      ? `No problems: ${checked}`
      : `${plural(report.problems.length, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}): ${checked}`,
  );
  return report.problems.length === 0 ? 0 : 1;
}
