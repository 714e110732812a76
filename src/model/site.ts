// Parsed posts → the site model: which posts are published, their URLs (collisions resolved the same
// way whatever order files were read in), taxonomies, archives, neighbours and related posts.

import type { Problem } from "../errors.js";
import { summarizePost, type LeftOut, type Post, type PostSummary, type Site, type SiteConfig, type SitePost } from "../types.js";
import { collectPeriods } from "./archives.js";
import { claim, emptyClaims, findClash, type Clash } from "./claims.js";
import { fillPattern, NAMED_PERMALINKS, normalizeUrl, postPlaceholders, urlToFile } from "./permalink.js";
import { positionIn, relatedPosts } from "./related.js";
import { exceedsBytes, MAX_PATH_BYTES } from "./slug.js";
import { collectTerms, unregisteredWarning } from "./taxonomies.js";

/** Which posts a build publishes. */
export interface Selection {
  readonly drafts: boolean;
  readonly future: boolean;
  /** Posts dated after this instant are future posts. */
  readonly now: number;
  /** Output files that generated pages hold (file → the page, e.g. `category page of "news"`): no post may take them. */
  readonly reserved?: ReadonlyMap<string, string>;
}

/** The model, and what building it found. */
export interface ModelResult {
  readonly site: Site;
  /** Posts that could not be placed (URL collisions), as errors naming both files. */
  readonly skipped: Problem[];
  readonly problems: Problem[];
  readonly leftOut: LeftOut;
  /** The date of the earliest post left out for being in the future (it comes due then). */
  readonly nextFuture?: number;
}

/** A post's URL path: its `permalink:` if it has one, else the site's post pattern. */
export function postUrl(post: Post, config: SiteConfig): string {
  const pattern = post.meta.permalink ?? config.permalinks.post;
  const values = postPlaceholders(
    { date: post.urlDate, categories: post.meta.categories, fileTitle: post.fileTitle, title: post.meta.title, slug: post.meta.slug },
    config.timezone,
  );
  // Own keys only: a permalink written `constructor` or `__proto__` is a pattern, not Object's.
  return normalizeUrl(fillPattern(Object.hasOwn(NAMED_PERMALINKS, pattern) ? NAMED_PERMALINKS[pattern]! : pattern, values));
}

/** What a post's URL depends on besides the post itself. */
const urlKeyOf = (config: SiteConfig): string => `${config.permalinks.post}\n${config.timezone}`;

/** Works a post's URL out ahead and keeps it with the post: parsing threads do, so the model need not. */
export function placePost(post: Post, config: SiteConfig): Post {
  placedUrl(post, config, urlKeyOf(config));
  return post;
}

/** A post's URL, worked out again only when the post or the settings it depends on changed. */
function placedUrl(post: Post, config: SiteConfig, key: string): string {
  if (post.placed?.key === key) return post.placed.url;
  const url = postUrl(post, config);
  post.placed = { key, url };
  return url;
}

/** Each post's summary, made once per post object: a rebuild's unchanged posts keep theirs. */
const summaries = new WeakMap<Post, PostSummary>();

function summaryOf(post: Post): PostSummary {
  let summary = summaries.get(post);
  if (!summary) summaries.set(post, (summary = summarizePost(post)));
  return summary;
}

const byAge = (a: { post: Post }, b: { post: Post }): number => a.post.date - b.post.date || (a.post.id < b.post.id ? -1 : a.post.id > b.post.id ? 1 : 0);

/** How a URL's file clashes with another owner's (`… ; this post is skipped` follows). */
export function clashText(clash: Clash<unknown>, file: string, owner: string, page = false): string {
  if (clash.kind === "same-file") return page ? `is also ${owner}` : `is already taken by ${owner}`;
  if (clash.kind === "folder-is-file") return `needs a folder where ${owner} has its file ${clash.folder}`;
  return `would be the file ${file}, a folder that ${owner} needs`;
}

/** Builds the site from every parsed post. Pure. */
export function buildSite(all: readonly Post[], config: SiteConfig, selection: Selection): ModelResult {
  const leftOut = { drafts: 0, future: 0, unpublished: 0 };
  let nextFuture: number | undefined;
  const candidates: { post: Post; url: string }[] = [];
  const urlKey = urlKeyOf(config);
  for (const post of all) {
    if (!post.meta.published) leftOut.unpublished++;
    else if ((post.meta.draft || post.inDrafts) && !selection.drafts) leftOut.drafts++;
    else if (post.date > selection.now && !selection.future) {
      leftOut.future++;
      nextFuture = Math.min(nextFuture ?? post.date, post.date);
    }
    else candidates.push({ post, url: placedUrl(post, config, urlKey) });
  }

  // Oldest first: the older post keeps a contested URL, whatever order the files were read in.
  candidates.sort(byAge);
  const claims = emptyClaims<{ post: Post; url: string } | { page: string }>();
  for (const [file, page] of selection.reserved ?? []) claim(claims, file, { page });
  const skipped: Problem[] = [];
  const problems: Problem[] = [];
  const placed: { post: Post; url: string }[] = [];
  for (const candidate of candidates) {
    const file = urlToFile(candidate.url);
    if (exceedsBytes(file, MAX_PATH_BYTES)) {
      skipped.push({
        severity: "error",
        code: "url-too-long",
        file: candidate.post.source,
        message: `its URL is ${new TextEncoder().encode(file).length.toLocaleString("en")} bytes long, more than the ${MAX_PATH_BYTES.toLocaleString("en")} a static host takes`,
        hint: "give it fewer categories (its URL has a folder for each), or a permalink: of its own",
      });
      continue;
    }
    const clash = findClash(claims, file);
    if (clash) {
      skipped.push({
        severity: "error",
        code: "url-collision",
        file: candidate.post.source,
        message: `URL ${candidate.url} ${"page" in clash.owner ? clashText(clash, file, `the ${clash.owner.page}`, true) : clashText(clash, file, clash.owner.post.source)}; this post is skipped`,
        hint: "give one of them a different slug: or permalink: in its front matter",
      });
      continue;
    }
    const twin = claim(claims, file, candidate);
    if (twin && "post" in twin) {
      problems.push({
        severity: "warning",
        code: "case-collision",
        file: candidate.post.source,
        message: `URL ${candidate.url} differs only in case from that of ${twin.post.source}; they collide on case-insensitive file systems`,
        hint: "give one of them a different slug: in its front matter",
      });
    }
    placed.push(candidate);
  }
  placed.reverse(); // newest first

  const sources = placed.map((p) => p.post.source);
  const categories = collectTerms("category", placed.map((p) => p.post.meta.categories), config, sources);
  const tags = collectTerms("tag", placed.map((p) => p.post.meta.tags), config, sources);
  problems.push(...categories.problems, ...tags.problems);
  const unregistered = unregisteredWarning(categories.terms, config.categories, "category");
  if (unregistered) problems.push(unregistered);

  const dates = placed.map((p) => p.post.date);
  const categoryCount = categories.terms.length;
  const termsOf = placed.map((_, i) => [...categories.byPost[i]!, ...tags.byPost[i]!.map((t) => t + categoryCount)]);
  const related = relatedPosts(termsOf, [...categories.terms, ...tags.terms].map((t) => t.posts), dates);
  const inCategory = categoryNeighbours(categories.byPost, categories.terms.map((t) => t.posts));

  // Only what pages show of a post: the rest of it may be freed once the model stands.
  const posts: SitePost[] = placed.map(({ post, url }, i) => ({
    post: summaryOf(post),
    url,
    categories: categories.byPost[i]!,
    tags: tags.byPost[i]!,
    related: related[i]!,
    older: i + 1 < placed.length ? i + 1 : undefined,
    newer: i > 0 ? i - 1 : undefined,
    olderInCategory: inCategory[i]!.older,
    newerInCategory: inCategory[i]!.newer,
  }));
  const periods = collectPeriods(dates, config);
  return { site: { config, posts, categories: categories.terms, tags: tags.terms, ...periods }, skipped, problems, leftOut, nextFuture };
}

/** Each post's neighbours within its first category. */
function categoryNeighbours(byPost: readonly (readonly number[])[], members: readonly (readonly number[])[]): { older?: number; newer?: number }[] {
  const result: { older?: number; newer?: number }[] = byPost.map(() => ({}));
  byPost.forEach((terms, post) => {
    const first = terms[0];
    if (first === undefined) return;
    const list = members[first]!;
    const at = positionIn(list, post);
    result[post] = { older: list[at + 1], newer: at > 0 ? list[at - 1] : undefined };
  });
  return result;
}
