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
  readonly routes: readonly Route[];
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

/** Counts pages by kind and gathers the rest. */
export function summarize(input: SummaryInput): BuildSummary {
  const pages: Record<string, number> = {};
  for (const route of input.routes) {
    const kind = pageKind(route);
    pages[kind] = (pages[kind] ?? 0) + 1;
  }
  return {
    ok: input.ok,
    posts: input.site.posts.length,
    pages,
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
