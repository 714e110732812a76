// What a build's errors look like in the browser's overlay: the same `file:line:col  message` lines
// the terminal prints. Warnings stay in the terminal; errors (a skipped post, a broken template) show.

import { formatProblem } from "../cli/format.js";
import type { Problem } from "../errors.js";
import type { BuildSummary } from "../types.js";

/** The errors of a build that went through (posts skipped or kept at their last good version). */
export function summaryErrors(summary: BuildSummary): Problem[] {
  return [...summary.skipped, ...summary.problems].filter((problem) => problem.severity === "error");
}

/** The overlay's lines for a set of errors; empty clears the overlay. */
export function overlayText(errors: readonly Problem[]): string[] {
  return errors.map((problem) => formatProblem(problem));
}
