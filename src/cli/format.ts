// How problems and summaries read on a terminal: `path:line:col  message`, a hint under it, and one
// summary line. Returns strings; cli.ts prints them.

import type { Problem } from "../errors.js";
import type { BuildSummary } from "../types.js";

/** `posts/x.md:3:7  warning: message` and, indented under it, the hint. */
export function formatProblem(problem: Problem, suffix = ""): string {
  const where = problem.file ? [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined].filter((x) => x !== undefined).join(":") : "broadsheet";
  const label = problem.severity === "warning" ? "warning: " : "";
  const head = `${where}  ${label}${problem.message}${suffix}`;
  return problem.hint ? `${head}\n    hint: ${problem.hint}` : head;
}

/** `1 post`, `2 posts`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The last line of a build: pages by kind, what was skipped and why, what was left out, seconds. */
export function formatSummary(summary: BuildSummary, outShown: string): string {
  const total = Object.values(summary.pages).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(summary.pages)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  const parts = [`${summary.ok ? "Built" : "Not built:"} ${plural(summary.posts, "post")} → ${plural(total, "page")} (${kinds}) in ${outShown}`];
  if (summary.ok && (summary.unchanged > 0 || summary.deleted > 0)) parts.push(`${summary.written} written, ${summary.unchanged} unchanged, ${summary.deleted} deleted`);
  if (summary.skipped.length) {
    const reasons = new Map<string, number>();
    for (const p of summary.skipped) reasons.set(p.code, (reasons.get(p.code) ?? 0) + 1);
    parts.push(`skipped ${plural(summary.skipped.length, "post")} (${[...reasons].map(([code, n]) => `${n} ${code}`).join(", ")})`);
  }
  const errors = summary.problems.length - summary.problems.filter((p) => p.severity === "warning").length;
  if (errors) parts.push(plural(errors, "error"));
  const warnings = summary.problems.length - errors;
  if (warnings) parts.push(plural(warnings, "warning"));
  const { drafts, future, unpublished } = summary.leftOut;
  const left = [drafts && plural(drafts, "draft"), future && `${future} future`, unpublished && `${unpublished} unpublished`].filter(Boolean);
  if (left.length) parts.push(`left out ${left.join(", ")}`);
  if (summary.search) parts.push(`search: ${plural(summary.search.pages, "page")} indexed in ${summary.search.seconds.toFixed(2)} s`);
  parts.push(`${summary.seconds.toFixed(2)} s`);
  return parts.join(" · ");
}

const ORDER = ["post", "home", "category", "tag", "archive", "index", "feed", "sitemap", "other"];
const order = (kind: string): number => (ORDER.indexOf(kind) + 1 || ORDER.length + 1);

/** Stage timings for --verbose. */
export function formatStages(summary: BuildSummary): string {
  return "stages: " + Object.entries(summary.stages).map(([stage, s]) => `${stage} ${s.toFixed(3)} s`).join(", ");
}
