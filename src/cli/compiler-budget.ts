// V8's optimizing compiler, told to inline less. A build is short and wide: thousands of functions
// (markdown-it's rules, every template's compiled code, the page contexts) turn hot within seconds,
// and TurboFan compiled them on background threads that compete with the two render threads for
// a 2-core machine. At V8's default inlining budget that compilation was 26% of a cold 10k build's
// CPU (perf, by thread); with this budget it is about half that, and the build ~10% shorter (see
// the README's Speed and scale). Only the command line sets it: the process is ours. A library
// caller's process, and a flag the user gave Node, are left as they are.

import { setFlagsFromString } from "node:v8";

const FLAG = "--max-inlined-bytecode-size-cumulative";
export const INLINING_BUDGET = 100;

/** Sets the budget unless the user gave Node one; says which value the process compiles with. */
export function setCompilerBudget(execArgv: readonly string[], nodeOptions = ""): string {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].find((arg) => arg.replace(/_/g, "-").startsWith(FLAG));
  if (given) return `${given} (given to Node)`;
  setFlagsFromString(`${FLAG}=${INLINING_BUDGET}`);
  return `${FLAG}=${INLINING_BUDGET}`;
}
