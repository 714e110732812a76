// `broadsheet check`: the whole site validated without touching dist/. A build into a temporary
// folder finds what the build finds (front matter, dates, duplicate URLs, templates); then every
// page's internal links and asset references are checked, and terms the registry lacks named.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "../build.js";
import { BuildError, type Problem } from "../errors.js";
import { urlToFile } from "../model/permalink.js";
import type { BuildOptions, Site } from "../types.js";
import { removeInBackground } from "../write/output.js";
import { checkLinks, type BrokenLink } from "./links.js";
import { sourceLocator, type SourceLocator } from "./sources.js";
import { closestNote, unknownTerms } from "./terms.js";

/** What `check` takes: the build's options that choose what is built. */
export type CheckOptions = Pick<BuildOptions, "root" | "posts" | "baseUrl" | "drafts" | "future" | "workers" | "now">;

/** Everything wrong with a site, and what was looked at. */
export interface CheckReport {
  readonly problems: readonly Problem[];
  readonly posts: number;
  readonly pages: number;
  readonly seconds: number;
}

/** The build's own warning about unregistered categories; `check` names each term with a post instead. */
const UNREGISTERED = "unregistered-term";

/** Checks a site. Never writes into the site folder; the temporary build is removed. */
export async function checkSite(options: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const temp = mkdtempSync(path.join(tmpdir(), "broadsheet-check-"));
  const out = path.join(temp, "site");
  let site: Site | undefined;
  try {
    let summary;
    try {
      summary = await build({ ...options, out, cacheDir: false, search: false, onSite: (built) => (site = built) });
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      // Fatal to the build (site.yml, templates that do not compile): nothing further can be checked.
      return { problems: [error.problem], posts: 0, pages: 0, seconds: (performance.now() - started) / 1000 };
    }
    // A build without a cache always builds the model; without one there would be nothing to check against.
    if (!site) throw new Error("check: the build returned without a site model");
    const built: Site = site;
    const problems: Problem[] = [...summary.skipped, ...summary.problems.filter((p) => p.code !== UNREGISTERED)];
    const sources = sourceLocator(built.config);
    problems.push(...termProblems(built, sources));
    problems.push(...linkProblems(checkLinks(out, { basePath: built.config.basePath, url: built.config.url }), built, sources));
    const pages = Object.values(summary.pages).reduce((a, b) => a + b, 0);
    return { problems: sortProblems(problems), posts: summary.posts, pages, seconds: (performance.now() - started) / 1000 };
  } finally {
    // Tens of thousands of pages take seconds to unlink: a detached `rm` does it after we exit.
    removeInBackground(temp);
  }
}

function termProblems(site: Site, sources: SourceLocator): Problem[] {
  return unknownTerms(site).map((term) => ({
    severity: "warning",
    code: `unknown-${term.kind}`,
    file: term.source,
    line: sources.keyLine(term.source, term.kind === "category" ? ["categories", "category"] : ["tags", "tag"]),
    message:
      `${term.kind} "${term.name}" is not registered` +
      (term.uses > 1 ? ` (${term.uses} posts use it)` : "") +
      (term.closest ? closestNote(term.closest) : ""),
    hint: `add it under ${term.kind === "category" ? "categories" : "tags"}: in site.yml (slug: Display name), or correct the post`,
  }));
}

/**
 * A broken link written in a post's body is reported at the post's file and the line that holds it;
 * any other (a template's, on many pages) once, at the first page, with how many pages have it.
 */
function linkProblems(broken: readonly BrokenLink[], site: Site, sources: SourceLocator): Problem[] {
  const postOf = new Map(site.posts.map((entry) => [urlToFile(entry.url), entry.post]));
  const problems: Problem[] = [];
  const generated = new Map<string, { first: BrokenLink; pages: number }>();
  for (const link of broken) {
    const post = postOf.get(link.page);
    const line = post ? sources.linkLine(post.source, link.link, post.bodyStart) : undefined;
    if (post && line !== undefined) {
      problems.push({
        severity: "error",
        code: "broken-link",
        file: post.source,
        line,
        message: `broken link ${JSON.stringify(link.link)}: no page ${link.target}`,
        hint: "correct the link, or remove it",
      });
      continue;
    }
    const seen = generated.get(link.link);
    if (seen) seen.pages++;
    else generated.set(link.link, { first: link, pages: 1 });
  }
  for (const { first, pages } of generated.values()) {
    problems.push({
      severity: "error",
      code: "broken-link",
      file: `/${first.page}`,
      line: first.line,
      message: `broken link ${JSON.stringify(first.link)} in a generated page${pages > 1 ? ` (and ${pages - 1} more)` : ""}: no page ${first.target}`,
      hint: "the link comes from a template (templates/) or public/: correct it there",
    });
  }
  return problems;
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const fa = a.file ?? "";
    const fb = b.file ?? "";
    return fa < fb ? -1 : fa > fb ? 1 : (a.line ?? 0) - (b.line ?? 0);
  });
}
