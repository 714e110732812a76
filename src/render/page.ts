// The `page` variable every template receives: title, canonical URL, feeds, breadcrumbs, pagination links.

import type { Pager } from "../routes/types.js";
import type { Link, Site } from "../types.js";
import { absoluteUrl, href } from "./format.js";
import type { FeedLink } from "./links.js";

/** The data of one page: what its template receives (post pages get `post.content` added where the HTML is). */
export type PageContext = Record<string, unknown> & { readonly page: Record<string, unknown> };

/** What a page context says about its page; `pageView` fills in the rest. */
export interface PageBase {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly type?: "article" | "website";
  readonly alternates?: readonly FeedLink[];
  readonly breadcrumbs?: readonly Link[];
  readonly pager?: Pager;
  readonly noindex?: boolean;
}

/** Builds `page` for a page of kind `kind` (post, home, category, year, archive, 404, ...). */
export function pageView(site: Site, kind: string, base: PageBase): Record<string, unknown> {
  const { config } = site;
  return {
    kind,
    title: base.title,
    fullTitle: base.title && base.title !== config.title ? `${base.title} - ${config.title}` : config.title,
    description: base.description || config.description,
    url: href(config, base.url),
    canonical: absoluteUrl(config, base.url),
    type: base.type ?? "website",
    alternates: base.alternates ?? [],
    breadcrumbs: base.breadcrumbs ?? [],
    prev: base.pager?.prev ? href(config, base.pager.prev) : null,
    next: base.pager?.next ? href(config, base.pager.next) : null,
    noindex: base.noindex ?? false,
  };
}
