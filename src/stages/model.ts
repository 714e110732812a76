// The model stage: parsed posts → the site model and its routes, posts that lose their file to a
// generated page left out until none does.

import { buildSite, type ModelResult } from "../model/site.js";
import { routePages, type RoutePlan } from "../routes/index.js";
import type { BuildOptions, SiteConfig } from "../types.js";

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
