// A post's place in the site: everything of it that the model sorts, files, links or reports it by.
// An edit that keeps a post's place changes only what pages show of it (title, text, excerpt, extra
// front matter), so the site's shape, and every page's inputs but that post's own data, stay the same.

import type { Post, SiteConfig } from "../types.js";
import { postUrl } from "./site.js";

/** The place of a post, as a string to compare with another version's. */
export function placeOf(post: Post, config: SiteConfig): string {
  const { meta } = post;
  return JSON.stringify([
    post.id,
    post.source,
    post.date,
    post.urlDate,
    post.fileTitle,
    post.inDrafts,
    meta.categories,
    meta.tags,
    meta.slug,
    meta.permalink,
    meta.published,
    meta.draft,
    meta.layout,
    postUrl(post, config),
    post.problems,
  ]);
}
