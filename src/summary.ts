// What a build did, counted for the summary line and returned to library callers.

import type { StageClock } from "./stages/clock.js";
import type { Problem } from "./errors.js";
import type { ModelResult } from "./model/site.js";
import type { Route } from "./routes/types.js";
import type { BuildSummary, Site, SitePaths } from "./types.js";

/** The summary's name for a route's kind. */
export function pageKind(route: Route): string {
  switch (route.kind) {
    case "list":
      return route.source.kind === "year" || route.source.kind === "month" || route.source.kind === "day" ? "archive" : route.source.kind;
    case "archive":
      return "archive";
    case "terms":
      return "index";
    case "news-sitemap":
      return "sitemap";
    case "page":
    case "robots":
      return "other";
    default:
      return route.kind;
  }
}

/** Everything a summary is made from. */
export interface SummaryInput {
  readonly ok: boolean;
  readonly site: Site;
  /** Pages by kind (see countPages). */
  readonly pages: Readonly<Record<string, number>>;
  readonly problems: readonly Problem[];
  readonly skipped: readonly Problem[];
  readonly notes: readonly string[];
  readonly model: ModelResult;
  readonly clock: StageClock;
  readonly paths: SitePaths;
  readonly written: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly changes?: BuildSummary["changes"];
  readonly search?: BuildSummary["search"];
}

/** How many pages of each kind the routes make. */
export function countPages(routes: readonly Route[]): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const route of routes) {
    const kind = pageKind(route);
    pages[kind] = (pages[kind] ?? 0) + 1;
  }
  return pages;
}

/** Gathers what a build did. */
export function summarize(input: SummaryInput): BuildSummary {
  return {
    ok: input.ok,
    posts: input.site.posts.length,
    pages: input.pages,
    written: input.written,
    unchanged: input.unchanged,
    deleted: input.deleted,
    changes: input.changes ?? { written: [], deleted: [] },
    skipped: input.skipped,
    problems: input.problems,
    notes: input.notes,
    leftOut: input.model.leftOut,
    seconds: (performance.now() - input.clock.started) / 1000,
    stages: input.clock.stages,
    out: input.paths.out,
    ...(input.search ? { search: input.search } : {}),
  };
}
