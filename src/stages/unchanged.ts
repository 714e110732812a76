// Nothing changed: when every input of a build (posts' file facts, site.yml, templates, public
// files, options, broadsheet's code) hashes as the last build into the same folder did, and the
// clock has not passed a moment that changes output (a future post coming due, a post leaving the
// news sitemap), the output is already right and the build stops after reading the file list.

import { createHash } from "node:crypto";
import type { OutputManifest } from "../cache/store.js";
import type { Problem } from "../errors.js";
import type { TemplateSet } from "../render/templates.js";
import { NEWS_WINDOW_MS } from "../render/news-window.js";
import type { BuildOptions, BuildSummary, Site, SiteConfig, SitePaths, SourceFile } from "../types.js";
import type { PublicFile } from "../write/public.js";
import type { StageClock } from "./clock.js";

/** Everything a build reads, as one hash (the clock aside). */
export function inputKey(version: string, config: SiteConfig, options: BuildOptions, templates: TemplateSet, publicFiles: readonly PublicFile[], sources: readonly SourceFile[], problems: readonly Problem[]): string {
  const hash = createHash("sha1");
  hash.update(JSON.stringify([version, config, options.drafts ?? false, options.future ?? false, options.strict ?? false, [...templates.hashes], publicFiles.map((f) => f.signature), problems]));
  // The file facts go in as numbers: formatting 20,000 of them as text was two thirds of this
  // hash's time at 10,000 files, on a fresh process's cold code. The ids, joined, in one update.
  const facts = new Float64Array(sources.length * 2);
  const inDrafts = new Uint8Array(sources.length);
  let ids = "";
  for (let i = 0; i < sources.length; i++) {
    const file = sources[i]!;
    facts[2 * i] = file.size;
    facts[2 * i + 1] = file.mtimeMs;
    inDrafts[i] = file.inDrafts ? 1 : 0;
    ids += `${file.id}\0`;
  }
  return hash.update(ids).update(facts).update(inDrafts).digest("base64url");
}

/** Which post files a build read, in order (not their contents): a rebuild after edits has the same. */
export function sourcesKey(sources: readonly SourceFile[]): string {
  const hash = createHash("sha1");
  let lines = "";
  for (const file of sources) lines += `${file.id}\0${file.inDrafts}\n`;
  return hash.update(lines).digest("base64url");
}

/** The first moment after `now` at which the passing of time changes this site's output. */
export function validUntil(site: Site, nextFuture: number | undefined, now: number): number {
  let until = nextFuture ?? Number.MAX_SAFE_INTEGER; // (JSON has no Infinity)
  for (const { post } of site.posts) {
    if (post.date > now) until = Math.min(until, post.date); // enters the news sitemap
    else if (now - post.date <= NEWS_WINDOW_MS) until = Math.min(until, post.date + NEWS_WINDOW_MS + 1);
    else break; // posts are newest first: the rest are older than the window
  }
  return until;
}

/** The output is still right when the inputs hash the same and the clock has not passed the manifest's limit. */
export function isUnchanged(manifest: OutputManifest | undefined, key: string, now: number): manifest is OutputManifest & { summary: NonNullable<OutputManifest["summary"]> } {
  return manifest !== undefined && manifest.inputs === key && manifest.summary !== undefined && now < (manifest.validUntil ?? 0);
}

/** The summary of a build that found nothing to do: the last build's counts and problems, nothing written. */
export function unchangedSummary(manifest: OutputManifest & { summary: NonNullable<OutputManifest["summary"]> }, clock: StageClock, paths: SitePaths, notes: readonly string[]): BuildSummary {
  const { summary } = manifest;
  const total = Object.values(summary.pages).reduce((a, b) => a + b, 0);
  return {
    ok: true,
    posts: summary.posts,
    pages: summary.pages,
    written: 0,
    unchanged: total,
    deleted: 0,
    changes: { written: [], deleted: [] },
    skipped: summary.skipped,
    problems: summary.problems,
    notes,
    leftOut: summary.leftOut,
    seconds: (performance.now() - clock.started) / 1000,
    stages: clock.stages,
    out: paths.out,
  };
}
