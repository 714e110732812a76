// The contract of a long-lived builder (the dev server's loop): what each build may be told, what the
// builder is set up with, and what it keeps between builds. createBuilder (build.ts) implements it.

import type { CacheState } from "./cache/store.js";
import type { Sources } from "./read.js";
import type { SiteView } from "./render/context.js";
import type { Route } from "./routes/types.js";
import type { BuildSummary, Post, Site, SitePaths } from "./types.js";
import type { Pool } from "./workers/pool.js";
import type { WorkerSetup } from "./workers/tasks.js";

/** What the dev server tells a build: what its watcher saw, and which pages are open. */
export interface BuildHint {
  /** Absolute paths of post files added, changed or removed: the posts folder is not walked. Undefined: walk it. */
  readonly posts?: readonly string[];
  /** Output files open in a browser: in a patch build they are written and committed first... */
  readonly open?: ReadonlySet<string>;
  /** ...and then these are called with the files that pass wrote. */
  readonly committed?: (files: string[]) => void;
}

/** Settings of a long-lived builder (the dev server's), on top of the build options. */
export interface BuilderSettings {
  /** A post whose new text fails to parse keeps its last good version (reported all the same). */
  readonly keepLastGood?: boolean;
  /** Save the persistent cache after the first build and on close only, not after every build. */
  readonly saveCacheOnClose?: boolean;
  /** The builder runs a single build (`build()`): parsed posts are freed once the model stands. */
  readonly once?: boolean;
}

/** What the last successful build rendered from: lets the dev server preview one post's page ahead of a rebuild. */
export interface LastBuild {
  readonly paths: SitePaths;
  readonly site: Site;
  readonly siteView: SiteView;
  readonly setup: WorkerSetup;
  /** The post files of the site, by index into site.posts. */
  readonly postPaths: readonly string[];
  /** A post as last parsed, by id (the site holds only what pages show of it). */
  readonly parsed: (id: string) => Post | undefined;
  readonly routes: readonly Route[];
}

/** Builds the same site again and again, keeping parsed posts and worker threads between builds. */
export interface Builder {
  build(hint?: BuildHint): Promise<BuildSummary>;
  /** The last successful build, if any. */
  readonly last: LastBuild | undefined;
  close(): Promise<void>;
}

/** What a builder keeps between builds. */
export interface BuilderState {
  readonly pools: { threads?: Pool; inline?: Pool };
  readonly settings: BuilderSettings;
  cache?: CacheState;
  cacheDir?: string;
  unsaved?: boolean;
  sources?: Sources;
  last?: LastBuild;
}
