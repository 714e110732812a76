// The model stage: parsed posts → the site model and its routes, posts that lose their file to a
// generated page left out until none does; or, after edits that kept every post's place, the last
// build's model from its snapshot (stages/reuse.ts). Either way, what the rest of a build needs.

import type { ManifestSummary } from "../cache/store.js";
import { everyRoute } from "../cache/route-table.js";
import type { Problem } from "../errors.js";
import { buildSite, type ModelResult } from "../model/site.js";
import { routePages, type RoutePlan } from "../routes/index.js";
import type { Route } from "../routes/types.js";
import type { Sources } from "../read.js";
import type { BuildOptions, SiteConfig } from "../types.js";
import { hideUnderPages, type PublicFile } from "../write/public.js";
import { countPages } from "../summary.js";
import type { ParseStageResult } from "./parse.js";
import type { Reused } from "./reuse.js";

/** What the model stage gives the rest of a build. */
export interface ModelStage {
  readonly model: ModelResult;
  /** The routes this build signs and plans: every route, or after an edit (`edit`) those whose pages may have changed. */
  readonly routes: readonly Route[];
  readonly edit: boolean;
  /** Every route of the site (decoded only when asked for, after an edit). */
  readonly allRoutes: () => readonly Route[];
  /** How many pages of each kind the site has. */
  readonly pages: Readonly<Record<string, number>>;
  readonly problems: Problem[];
  /** Posts left out of the site, as errors. */
  readonly skipped: Problem[];
  /** The public files no generated page hides. */
  readonly copyable: readonly PublicFile[];
}

/** Everything the full model stage reads besides the parsed posts. */
export interface ModelInput {
  readonly config: SiteConfig;
  readonly options: BuildOptions;
  readonly configProblems: readonly Problem[];
  readonly sources: Sources;
  readonly publicFiles: readonly PublicFile[];
}

/** The model from every parsed post, with every problem found on the way. */
export function fullModel(parsed: ParseStageResult, input: ModelInput): ModelStage {
  const { model, plan } = modelAndRoutes(parsed.posts, input.config, input.options);
  const statics = hideUnderPages(input.publicFiles, new Set(plan.routes.map((route) => route.file)));
  return {
    model,
    routes: plan.routes,
    edit: false,
    allRoutes: () => plan.routes,
    pages: countPages(plan.routes),
    problems: [...input.configProblems, ...input.sources.problems, ...parsed.posts.flatMap((p) => p.problems), ...model.problems, ...plan.warnings, ...statics.warnings],
    skipped: [...parsed.failed, ...model.skipped, ...plan.displaced.values()],
    copyable: statics.copyable,
  };
}

/**
 * The last build's model after edits that kept every post's place (stages/reuse.ts): the same site,
 * pages and model-stage problems (the edited posts' own problems were part of their place); this
 * build's rendering and search index report their own. Public files are as they were: none to copy.
 */
export function reusedModel({ snapshot, routes }: Reused, last: ManifestSummary): ModelStage {
  const { site } = snapshot;
  let all: readonly Route[] | undefined;
  return {
    model: { site, skipped: [], problems: [], leftOut: last.leftOut, nextFuture: snapshot.nextFuture },
    routes,
    edit: true,
    allRoutes: () => (all ??= everyRoute(snapshot.routes)),
    pages: last.pages,
    problems: last.problems.slice(0, last.fromModel.problems),
    skipped: last.skipped.slice(0, last.fromModel.skipped),
    copyable: [],
  };
}

/**
 * The model and its routes. Posts that lost their file to a generated page are left out by a new
 * model that reserves those files, and so is any post that would step into one: until no post is
 * displaced (removing posts only removes pages, so this ends, mostly after one more round).
 */
export function modelAndRoutes(posts: Parameters<typeof buildSite>[0], config: SiteConfig, options: BuildOptions): { model: ModelResult; plan: RoutePlan } {
  const reserved = new Map<string, string>();
  const selection = { drafts: options.drafts ?? false, future: options.future ?? false, now: options.now ?? Date.now(), reserved };
  for (;;) {
    const model = buildSite(posts, config, selection);
    const plan = routePages(model.site);
    if (plan.displaced.size === 0) return { model, plan };
    for (const [file, page] of plan.reserved) reserved.set(file, page);
  }
}
