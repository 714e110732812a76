// Pagefind driven through its Node API: post pages in, a complete index bundle (`pagefind/`) out.
// The npm package brings the extended binary (the one that segments Chinese) for this platform;
// nothing is downloaded. Pagefind cannot update an index, so every run indexes every page.

import { readFileSync } from "node:fs";
import path from "node:path";
import { BuildError, type Problem } from "../errors.js";
import type { SearchPage } from "../types.js";
import { missingBinary } from "./binary.js";
import { backgroundPagefind } from "./priority.js";

/** Pages read ahead and sent to Pagefind before waiting for its answers. */
const WINDOW = 32;

/**
 * Pages longer than this are left out of the index, with a warning: Pagefind's time grows faster
 * than a page's length (2 MB took 19 s, 20 MB over 5 minutes), and one scraped monster would stall every build.
 */
export const MAX_INDEXED_CHARS = 1_000_000;

/** What an indexing run did. */
export interface IndexResult {
  /** Pages in the index. */
  readonly pages: number;
  readonly problems: readonly Problem[];
}

/** Reads a page's HTML; undefined when the page is gone (skipped). */
export type PageReader = (file: string) => Promise<string | undefined>;

/**
 * Indexes the pages and writes the bundle into `bundle`, which must not exist yet (Pagefind leaves
 * files it did not write where they are). Pages are sent in the order given, so the same pages
 * always give the same bundle, byte for byte: an unchanged index is not rewritten.
 * With `background` (a preview's refresh), Pagefind runs below the rebuilds' priority, and `turn`
 * is awaited before each page is sent: a rebuild holds it, and the feeding waits.
 */
export async function writeSearchIndex(pages: readonly SearchPage[], read: PageReader, language: string, bundle: string, background?: { readonly turn: () => Promise<void> }): Promise<IndexResult> {
  const missing = missingBinary();
  if (missing) throw unavailable(new Error(missing));
  const pagefind = await import("pagefind"); // loaded only when a build indexes
  const created = await pagefind.createIndex({ forceLanguage: language || undefined }).catch(async (error: unknown) => {
    await restart();
    throw unavailable(error);
  });
  const index = created.index;
  if (!index) throw failed(created.errors.join("; "));
  if (background) backgroundPagefind();
  try {
    const problems: Problem[] = [];
    // Neither reads ahead nor answers may reject while nobody awaits them: the first failure is kept.
    let broken: unknown;
    const reads: Promise<string | undefined>[] = [];
    const sent: Promise<void>[] = [];
    for (let i = 0; i < pages.length && broken === undefined; i++) {
      await background?.turn();
      for (let ahead = reads.length; ahead < Math.min(pages.length, i + WINDOW); ahead++) {
        reads.push(read(pages[ahead]!.file).catch((error: unknown) => void (broken ??= error)));
      }
      const page = pages[i]!;
      const content = await reads[i]!;
      reads[i] = Promise.resolve(undefined); // let the text go
      if (content === undefined) continue;
      if (content.length > MAX_INDEXED_CHARS) {
        problems.push({ severity: "warning", code: "search-page", file: page.file, message: `not in the search index: the page is ${Math.round(content.length / 1e6)} million characters long (at most ${MAX_INDEXED_CHARS / 1e6} million are indexed)` });
        continue;
      }
      // Sent in page order (the service takes messages in turn); answers are awaited a window behind.
      sent.push(
        index.addHTMLFile({ url: page.url, content }).then(
          (added) => {
            if (added.errors.length) problems.push({ severity: "warning", code: "search-page", file: page.file, message: `not in the search index: ${added.errors.join("; ")}` });
          },
          (error: unknown) => void (broken ??= failed(String((error as Error)?.message ?? error))),
        ),
      );
      if (sent.length >= WINDOW) await sent.shift();
    }
    await Promise.all([...sent, ...reads]);
    if (broken !== undefined) throw broken;
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw failed(written.errors.join("; "));
    return { pages: indexedPages(bundle), problems };
  } catch (error) {
    await restart();
    throw error;
  } finally {
    // Frees the index in the Pagefind process, which stays (unreferenced) for the next run.
    await index.deleteIndex().catch(() => undefined);
  }
}

/** The number of pages a written bundle holds (0 when there is none). */
export function indexedPages(bundle: string): number {
  try {
    const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  } catch {
    return 0;
  }
}

/** Stops the Pagefind process after a failure: its module keeps a dead one otherwise, and the next run starts afresh. */
async function restart(): Promise<void> {
  const pagefind = await import("pagefind");
  await pagefind.close().catch(() => undefined);
}

function unavailable(error: unknown): BuildError {
  const reason = String((error as Error)?.message ?? error).split("\n")[0];
  return new BuildError(
    {
      code: "search-unavailable",
      message: `the search indexer (Pagefind) cannot run here: ${reason}`,
      hint: "install the dependencies with their optional packages (npm install --include=optional), or build with --no-search",
    },
    { cause: error },
  );
}

function failed(reason: string): BuildError {
  return new BuildError({ code: "search-failed", message: `the search index could not be built: ${reason}`, hint: "build with --no-search to publish the site without it" });
}
