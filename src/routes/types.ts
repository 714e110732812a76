// The pages of a site as plain descriptors: every output URL, what it shows, and which template.

/** What a listing lists. */
export type ListSource =
  | { readonly kind: "home" }
  | { readonly kind: "category" | "tag"; readonly term: number }
  | { readonly kind: "year" | "month" | "day"; readonly period: number };

/** Where a page sits in a paginated listing. */
export interface Pager {
  readonly page: number;
  readonly pages: number;
  /** URL paths of the first, previous, next and last pages (undefined where there is none). */
  readonly first: string;
  readonly prev?: string;
  readonly next?: string;
  readonly last: string;
}

/** A feed's scope. */
export type FeedScope = { readonly kind: "site" } | { readonly kind: "category" | "tag"; readonly term: number };
export type FeedFormat = "atom" | "rss" | "json";

/**
 * Posts a listing or feed shows, as indices into Site.posts: 32-bit integers in one block, copied to
 * render threads and into the model snapshot as such (a plain array deserializes element by element).
 */
export type PostList = Int32Array;

/** One output file and what it is made from. `url` is a URL path (`/a/b.html`, `/a/`), `file` its path in the output. */
export type Route =
  | { readonly kind: "post"; readonly url: string; readonly file: string; readonly post: number }
  | { readonly kind: "list"; readonly url: string; readonly file: string; readonly source: ListSource; readonly pager: Pager; readonly items: PostList }
  | { readonly kind: "terms"; readonly url: string; readonly file: string; readonly taxonomy: "category" | "tag" }
  | { readonly kind: "archive"; readonly url: string; readonly file: string }
  | { readonly kind: "page"; readonly url: string; readonly file: string; readonly name: "404" | "search" }
  | { readonly kind: "feed"; readonly url: string; readonly file: string; readonly format: FeedFormat; readonly scope: FeedScope; readonly items: PostList }
  | { readonly kind: "sitemap"; readonly url: string; readonly file: string; readonly part: number; readonly parts: number }
  | { readonly kind: "news-sitemap"; readonly url: string; readonly file: string }
  | { readonly kind: "robots"; readonly url: string; readonly file: string };

/** The page kinds counted in the summary. */
export type RouteKind = Route["kind"];
