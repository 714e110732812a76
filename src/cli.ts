#!/usr/bin/env node
// The command line: the only module that reads argv, prints, and sets the exit code
// (0 built, 1 failed, 2 usage).

import { formatProblem } from "./cli/format.js";
import { BuildError, UsageError } from "./errors.js";
import { VERSION } from "./version.js";
import { chooseCompilerBudget } from "./workers/compiler-budget.js";

// Each command's module is loaded when it runs: `--version` loads no builder, `build` no preview server.
const COMMANDS: Record<string, () => Promise<(argv: readonly string[]) => Promise<number>>> = {
  build: async () => (await import("./cli/build.js")).buildCommand,
  dev: async () => (await import("./cli/dev.js")).devCommand,
  new: async () => (await import("./cli/new.js")).newCommand,
  check: async () => (await import("./cli/check.js")).checkCommand,
};

const HELP = `broadsheet ${VERSION}: a static site generator for news archives

Usage: broadsheet <command> [options]

Commands:
  build      build the site into dist/ (the default command)
  dev        preview the site with live reload while you edit (broadsheet dev --help)
  new        write a new post: broadsheet new "标题" --category slug --tags a,b
  check      validate the whole site (posts, templates, links) without writing dist/

Options:
  -h, --help       show help (also: broadsheet build --help)
  -v, --version    show the version

Docs: README.md`;

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes("--verbose");
  const budget = chooseCompilerBudget(process.execArgv);
  if (verbose) console.error(`note: V8 inlining budget ${budget}`);
  try {
    const [command, ...rest] = argv;
    if (command === undefined) return await (await COMMANDS.build!())([]);
    if (command === "-h" || command === "--help" || command === "help") {
      console.log(HELP);
      return 0;
    }
    if (command === "-v" || command === "--version" || command === "version") {
      console.log(VERSION);
      return 0;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (load) return await (await load())(rest);
    if (command.startsWith("-")) return await (await COMMANDS.build!())(argv);
    throw new UsageError(`unknown command: ${command}`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`broadsheet: ${error.message}\nRun broadsheet --help for usage.`);
      return 2;
    }
    if (error instanceof BuildError) {
      console.error(formatProblem(error.problem));
      if (verbose && error.cause) console.error((error.cause as Error).stack ?? String(error.cause));
      console.error(
        error.problem.code === "output-partial" ? "Build failed: the output folder is partly updated; the next build completes it." : "Build failed: the output folder was left as it was.",
      );
      return 1;
    }
    console.error(`broadsheet: internal error: ${(error as Error)?.message ?? error}`);
    console.error(verbose ? ((error as Error)?.stack ?? "") : "This is a bug in broadsheet. Run again with --verbose for the stack trace, and report it.");
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
// The command is done: exit now rather than when the event loop has drained. V8 finishing a garbage
// collection cycle begun near the end held a build that found nothing changed for ~15 ms more (of
// ~0.3 s). Only when all that was printed has gone to the OS, so that no output is cut short.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
