// V8's optimizing compiler, told to inline less during a big build. A cold build is short and wide:
// thousands of functions (markdown-it's rules, every template's compiled code, the page contexts)
// turn hot within seconds, and TurboFan compiled them on background threads that compete with the
// two render threads of a 2-core machine. At V8's default inlining budget that compilation was 26%
// of a cold 10k build's CPU (perf, by thread); with this budget about half that, and the build ~10%
// shorter (README, Speed and scale).
//
// Only the command line asks for it (the process is its own; a library caller's is not), and a
// budget the user gave Node is kept. It is set when the first phase of many jobs starts, not at
// start-up: a changed flag makes V8 refuse its code cache for Node's own modules loaded afterwards
// (~11 ms), which a rebuild that finds nothing changed would pay for nothing.

import { setFlagsFromString } from "node:v8";

const FLAG = "--max-inlined-bytecode-size-cumulative";
const BUDGET = 100;

let wanted: string | undefined;

/** The command line's choice: the budget unless Node was given one. Returns it, for --verbose. */
export function chooseCompilerBudget(execArgv: readonly string[]): string {
  const given = execArgv.find((arg) => arg.replace(/_/g, "-").startsWith(FLAG));
  if (given) return `${given} (given to Node)`;
  wanted = `${FLAG}=${BUDGET}`;
  return `${wanted} (from the first phase of many jobs)`;
}

/** Applies the chosen budget, once; nothing when none was chosen. */
export function applyCompilerBudget(): void {
  if (wanted === undefined) return;
  setFlagsFromString(wanted);
  wanted = undefined;
}
