// The data that flows between the stages of a build. Plain, readonly, acyclic; no logic here
// beyond the one projection of a post to what rendering needs.

import type { Problem } from "./errors.js";

/** Display data for one category or tag, from site.yml's registry or a Jekyll category page. */
export interface TermInfo {
  readonly name: string;
  readonly description?: string;
}

/** URL patterns; placeholders are Jekyll's (`:categories`, `:year`, `:title`, ...) plus `:slug` and `:num`. */
export interface Permalinks {
  readonly post: string;
  readonly category: string;
  readonly tag: string;
  /** Appended to a listing's first URL for pages 2 and later. */
  readonly page: string;
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

/** Where a site's files are; resolved once from the command line and the site folder. */
export interface SitePaths {
  /** The site folder. */
  readonly root: string;
  readonly posts: string;
  /** Template folders, first wins: the site's own, then the bundled theme. */
  readonly templates: readonly string[];
  /** Static folders copied as is, first wins. */
  readonly public: readonly string[];
  /** The config file read, if any. */
  readonly config?: string;
  readonly out: string;
}

/** The site's configuration: defaults merged with site.yml, validated. */
export interface SiteConfig {
  readonly title: string;
  readonly description: string;
  /** Absolute origin of the published site, e.g. `https://finews.withounder.com` (no trailing slash). */
  readonly url: string;
  /** Path the site is served under, always with leading and trailing slash: `/` or `/news/`. */
  readonly basePath: string;
  readonly language: string;
  /** IANA zone in which dates without an offset are read and every date is shown. */
  readonly timezone: string;
  readonly author: string;
  readonly permalinks: Permalinks;
  readonly pageSize: number;
  readonly categories: Readonly<Record<string, TermInfo>>;
  readonly tags: Readonly<Record<string, TermInfo>>;
  readonly feeds: { readonly limit: number; readonly tags: boolean };
  readonly excerptLength: number;
  /** How many categories the theme shows in its header. */
  readonly navCategories: number;
  /** Encoding posts are written in (`utf-8`, or a legacy one such as `gb18030`). */
  readonly encoding: string;
  readonly search: boolean;
  /** Jekyll-compatible reading: a time without offset is UTC for URLs, as Jekyll 4 does. */
  readonly jekyll: boolean;
  /** How `broadsheet new` names a post without `--slug`. */
  readonly newSlug: NewSlugStyle;
}

/** `new`'s slug styles: the title's pinyin, the title's own characters, or a time-based id. */
export type NewSlugStyle = "pinyin" | "title" | "id";

/** Options a build is run with: the CLI's flags, or the library caller's. */
export interface BuildOptions {
  /** Site folder (default: the working directory). */
  readonly root?: string;
  /** Posts folder to build instead of `<root>/posts`. */
  readonly posts?: string;
  /** Output folder (default `<root>/dist`). */
  readonly out?: string;
  readonly baseUrl?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  readonly strict?: boolean;
  /** Persistent cache folder; `false` builds cold without reading or writing one. */
  readonly cacheDir?: string | false;
  /** Worker threads that parse and render beside this thread, which takes its share too; 0: this thread alone. */
  readonly workers?: number;
  readonly search?: boolean;
  /**
   * Leave the search index to the caller: the build indexes nothing and, after its commit, hands
   * over what to index (the dev server refreshes the index off the page reload's path).
   */
  readonly onSearchIndex?: (job: SearchJob) => void;
  /** The moment that separates past from future posts (tests pin it). */
  readonly now?: number;
  /** Called with progress while pages are written. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with the site model once built (`check` maps output pages back to their posts with it). */
  readonly onSite?: (site: Site) => void;
}

/** A file found in the posts folder. */
export interface SourceFile {
  /** Path relative to the posts folder with `/` separators; a post's stable id. */
  readonly id: string;
  readonly path: string;
  /** Path shown in messages. */
  readonly display: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Found in the drafts folder. */
  readonly inDrafts: boolean;
}

/** Front matter as the author wrote it, typed and validated. */
export interface PostMeta {
  readonly title: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly layout?: string;
  readonly slug?: string;
  readonly permalink?: string;
  readonly published: boolean;
  readonly draft: boolean;
  readonly excerpt?: string;
  readonly description?: string;
  /** Keys broadsheet does not know, kept for templates. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Length of a post as Chinese readers count it. */
export interface TextStats {
  /** CJK characters. */
  readonly chars: number;
  /** Latin words. */
  readonly words: number;
  readonly minutes: number;
}

/** One post after parsing: a pure function of its bytes and the site's parse settings. */
export interface Post {
  readonly id: string;
  readonly source: string;
  /** Content hash of the file's bytes. */
  readonly hash: string;
  readonly meta: PostMeta;
  /** The post's instant, ms since the epoch. */
  readonly date: number;
  /** The instant used for URL date parts (differs only for Jekyll's offset-less quirk). */
  readonly urlDate: number;
  /** The file name after its `YYYY-MM-DD-` prefix, without extension. */
  readonly fileTitle: string;
  readonly inDrafts: boolean;
  readonly excerpt: string;
  /** Where the body starts in the file's decoded text: the render pass reads the body from there. */
  readonly bodyStart: number;
  readonly problems: readonly Problem[];
  /**
   * The URL the model last worked out for it, and the settings it depended on: kept with the post in
   * the build cache, so a rebuild does not work out every unchanged post's URL again.
   */
  placed?: { readonly key: string; readonly url: string };
}

/** What pages, feeds and signatures use of a post: all that is sent to the render threads. */
export type PostSummary = Pick<Post, "id" | "source" | "hash" | "date" | "excerpt" | "bodyStart" | "inDrafts"> & {
  readonly meta: Pick<PostMeta, "title" | "extra">;
};

/** A post's summary, without what only parsing and the model need. */
export function summarizePost(post: PostSummary): PostSummary {
  const { id, source, hash, date, excerpt, bodyStart, inDrafts, meta } = post;
  return { id, source, hash, date, excerpt, bodyStart, inDrafts, meta: { title: meta.title, extra: meta.extra } };
}

/** A link to another page: what a template needs to show it. */
export interface Link {
  readonly title: string;
  readonly url: string;
}

/** A category or tag, with the posts filed under it (indices into Site.posts, newest first). */
export interface Term {
  readonly kind: "category" | "tag";
  /** The value as written in front matter. */
  readonly name: string;
  /** Display name (registry, category page, or the value itself). */
  readonly title: string;
  readonly description?: string;
  readonly slug: string;
  readonly url: string;
  readonly posts: readonly number[];
}

/** A year, month or day of the date archive. */
export interface Period {
  readonly kind: "year" | "month" | "day";
  /** `2022`, `2022-01` or `2022-01-18`. */
  readonly key: string;
  readonly url: string;
  readonly posts: readonly number[];
}

/** A published post placed in the site: where it lives and how it links to others. */
export interface SitePost {
  readonly post: PostSummary;
  readonly url: string;
  /** Indices into Site.categories / Site.tags. */
  readonly categories: readonly number[];
  readonly tags: readonly number[];
  /** Up to five related posts (indices into Site.posts). */
  readonly related: readonly number[];
  /** Neighbours in time, and within the post's first category. */
  readonly older?: number;
  readonly newer?: number;
  readonly olderInCategory?: number;
  readonly newerInCategory?: number;
}

/** The whole site model: published posts newest first, taxonomies and archives. */
export interface Site {
  readonly config: SiteConfig;
  readonly posts: readonly SitePost[];
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
  readonly years: readonly Period[];
  readonly months: readonly Period[];
  readonly days: readonly Period[];
}

/** Why posts were left out of the site, counted for the summary. */
export interface LeftOut {
  readonly drafts: number;
  readonly future: number;
  readonly unpublished: number;
}

/** A page the search index holds: its output file and its URL path (without the base path). */
export interface SearchPage {
  readonly file: string;
  readonly url: string;
}

/** What indexing a committed output needs; a build hands it to `BuildOptions.onSearchIndex`. */
export interface SearchJob {
  readonly out: string;
  readonly language: string;
  /** Post pages, newest first (the order the index numbers them in). */
  readonly pages: readonly SearchPage[];
  /** False when no indexed page changed since the last build: an existing index is still right. */
  readonly changed: boolean;
}

/** What a build did, for the summary line and for library callers. */
export interface BuildSummary {
  readonly ok: boolean;
  readonly posts: number;
  /** Pages written (or kept unchanged) by kind. */
  readonly pages: Readonly<Record<string, number>>;
  readonly written: number;
  readonly unchanged: number;
  readonly deleted: number;
  /** Output files this build wrote and deleted (relative, `/`-separated): what a preview reloads. */
  readonly changes: { readonly written: readonly string[]; readonly deleted: readonly string[] };
  readonly skipped: readonly Problem[];
  readonly problems: readonly Problem[];
  /** Things the build did on its own that the user should know (cache discarded, interrupted build completed). */
  readonly notes: readonly string[];
  readonly leftOut: LeftOut;
  readonly seconds: number;
  readonly stages: Readonly<Record<string, number>>;
  readonly out: string;
  readonly search?: { readonly pages: number; readonly seconds: number };
}
