// The search stage: runs after the pages are written into the work folder and before the commit, so
// the index is committed with the pages it describes. Pagefind cannot update an index, so when any
// post page changed it indexes the complete site: a full build's staging folder, or for a patch the
// changed pages over the current output. A full build commits `pagefind/` with the staging swap; a
// patch moves only the index files that changed, entry file last, through the same journal as the
// pages. When no post page changed, the last index is kept (carried into a staging folder).

import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../errors.js";
import type { Route } from "../routes/types.js";
import type { BuildSummary, SearchJob, SiteConfig } from "../types.js";
import { BUNDLE, bundleChanges, carryBundle, hasBundle } from "./bundle.js";
import { indexedPages, writeSearchIndex, type PageReader } from "./pagefind.js";
import { pagesChanged, searchPages } from "./pages.js";

/** What the search stage needs from the build. */
export interface SearchInput {
  readonly config: SiteConfig;
  readonly routes: readonly Route[];
  readonly mode: "full" | "patch";
  readonly workDir: string;
  /** The output folder as it is before this build's commit. */
  readonly out: string;
  /** Output files whose inputs changed (a patch writes only these into the work folder), and files removed. */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** The caller indexes after the commit (dev): hand back a job instead. */
  readonly deferred: boolean;
}

/** What the commit and the summary take from the search stage. */
export interface SearchOutput {
  readonly summary?: BuildSummary["search"];
  /** Index files (output paths) the patch commit moves in, in order, and deletes. */
  readonly written: readonly string[];
  readonly deleted: readonly string[];
  readonly problems: readonly Problem[];
  /** When deferred: what to index once the output is committed. */
  readonly job?: SearchJob;
}

/** Builds the search index of the site into the work folder, or says why there is nothing to do. */
export async function indexSearch(input: SearchInput): Promise<SearchOutput> {
  const { config, mode, workDir, out } = input;
  const started = performance.now();
  const current = path.join(out, BUNDLE);
  const target = path.join(workDir, BUNDLE);
  const none = { written: [], deleted: [], problems: [] };
  if (!config.search) {
    // A full build's staging folder has no index; a patch deletes the one an earlier build left.
    return { ...none, deleted: mode === "patch" && hasBundle(current) ? [BUNDLE] : [] };
  }
  const pages = searchPages(input.routes);
  const changed = !hasBundle(current) || pagesChanged(pages, input.changed, input.removed);
  if (input.deferred || !changed) {
    // A new output keeps the last index: unchanged, or (deferred) stale but whole until the caller's is ready.
    if (mode === "full") carryBundle(current, target);
    if (input.deferred) return { ...none, job: { out, language: config.language, pages, changed } };
    return { ...none, summary: { pages: indexedPages(current), seconds: (performance.now() - started) / 1000 } };
  }

  const inWork = new Set(input.changed);
  const read: PageReader = (file) => readPage(mode === "full" || inWork.has(file) ? workDir : out, file);
  const result = await writeSearchIndex(pages, read, config.language, target);
  // What differs from the current index: what a patch moves, and what either mode reports as changed.
  return { ...bundleChanges(target, current), problems: result.problems, summary: { pages: result.pages, seconds: (performance.now() - started) / 1000 } };
}

/** A page's HTML, or undefined when it is not there (removed since it was listed). */
export async function readPage(dir: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(dir, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
