// The per-post work of a build, run in worker threads (or inline): parse a post's metadata; render a
// page and write its file; render a post's body once, for its page and its feed entries together.
// A body's HTML lives only while its page is rendered: listings never need it.

import { readFileSync } from "node:fs";
import type nunjucks from "nunjucks";
import { BuildError, type Problem } from "../errors.js";
import { textStats } from "../parse/excerpt.js";
import { createPostParser, type ParseSettings, type PostFile, type PostParser } from "../parse/post.js";
import { pageContext, templateFor, type SiteView } from "../render/context.js";
import { createEnvironment, templateError } from "../render/environment.js";
import { absolutizeHtml, feedEntries, feedEntryData, feedFile, type FeedEntries, type FeedEntry } from "../render/feeds.js";
import type { TemplateFile, TemplateSet } from "../render/templates.js";
import type { Route } from "../routes/types.js";
import { placePost } from "../model/site.js";
import type { Post, Site, SiteConfig, SitePost } from "../types.js";
import { forgetFolders, writeOutputFile, type WriteResult } from "../write/files.js";

/** What every thread is set up with once per build. */
export interface WorkerSetup {
  readonly config: SiteConfig;
  readonly parse: ParseSettings;
  readonly templates: readonly TemplateFile[];
  readonly templateHashes: readonly [string, string][];
}

/** The site a thread renders: the model and where its pages go. Sent once per build, after parsing. */
export interface RenderTarget {
  readonly site: Site;
  readonly siteView: SiteView;
  /** Each post's file path, by index into site.posts. */
  readonly paths: readonly string[];
  /** Where files are written, and the folder holding the current output (to skip identical bytes). */
  readonly outDir: string;
  readonly currentDir?: string;
  /** The post pages' folders were made ahead in outDir (makeFoldersFor): pages are written without checking for them. */
  readonly foldersMadeAhead?: boolean;
}

/** A post file to read. */
export interface ParseJob extends PostFile {
  readonly path: string;
}

/** The outcome of parsing one file. */
export type ParseResult = { readonly ok: true; readonly post: Post } | { readonly ok: false; readonly problem: Problem };

type FeedRoute = Route & { readonly kind: "feed" };
type PostRoute = Route & { readonly kind: "post" };

/**
 * One job: a templated page; or a scope's feeds (one per format, the same posts), rendered from their
 * posts' bodies together with the pages of those posts this job owns, so each body is rendered once for
 * both. A feed is written where its entries are: they never travel between threads.
 */
export type RenderJob = { readonly route: Route } | FeedsJob;

/** A scope's feeds, and the pages of their posts it renders too. */
export interface FeedsJob {
  readonly feeds: readonly FeedRoute[];
  readonly pages: readonly PostRoute[];
}

/** What a job produced, file by file (`file` empty: a problem with a feed's post, no file of its own). */
export interface RenderResult {
  readonly file: string;
  readonly write?: WriteResult;
  readonly problem?: Problem;
}

/** A thread's state for one build. */
export interface WorkerState {
  readonly setup: WorkerSetup;
  readonly parser: PostParser;
  readonly env: nunjucks.Environment;
  readonly templates: TemplateSet;
  target?: RenderTarget;
}

/** Sets a thread up for a build. */
export function createState(setup: WorkerSetup): WorkerState {
  const templates: TemplateSet = { files: new Map(setup.templates.map((t) => [t.name, t])), hashes: new Map(setup.templateHashes) };
  return { setup, parser: createPostParser(setup.parse), env: createEnvironment(templates, setup.config), templates };
}

/** Sets the site a thread renders next. */
export function setTarget(state: WorkerState, target: RenderTarget): void {
  state.target = target;
  forgetFolders(target.foldersMadeAhead ? target.outDir : undefined);
}

/** Adds a chunk of the site's posts sent after the target (large sites are sent in parts). */
export function appendPosts(state: WorkerState, posts: readonly SitePost[], paths: readonly string[]): void {
  const target = state.target!;
  (target.site.posts as SitePost[]).push(...posts);
  (target.paths as string[]).push(...paths);
}

/** Forgets the site (between builds a thread holds nothing). */
export function clearState(state: WorkerState): void {
  state.target = undefined;
}

const asProblem = (error: unknown, file: string): Problem => {
  if (error instanceof BuildError) return error.problem;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return { severity: "error", code: "unreadable", file, message: "permission denied", hint: "check the file's permissions" };
  if (code === "ENOENT") return { severity: "error", code: "unreadable", file, message: "file vanished while building" };
  if (code === "EISDIR") return { severity: "error", code: "unreadable", file, message: "is a folder, not a post" };
  throw error;
};

/** Parses posts' metadata. */
export function parseFiles(state: WorkerState, jobs: readonly ParseJob[]): ParseResult[] {
  return jobs.map((job) => {
    try {
      return { ok: true, post: placePost(state.parser.parse(job, readFileSync(job.path)), state.setup.config) };
    } catch (error) {
      return { ok: false, problem: asProblem(error, job.display) };
    }
  });
}

/** Renders and writes pages and feeds. A template error stops the build. */
export function renderFiles(state: WorkerState, jobs: readonly RenderJob[]): RenderResult[] {
  const target = state.target;
  if (!target) throw new Error("render before target");
  const results: RenderResult[] = [];
  for (const job of jobs) {
    if ("route" in job) results.push(renderPage(state, target, job.route));
    else renderFeeds(state, target, job, results);
  }
  return results;
}

/** A post's body as HTML, or the problem reading its file. */
function readBody(state: WorkerState, target: RenderTarget, index: number): string | Problem {
  const { post } = target.site.posts[index]!;
  try {
    return state.parser.body(post, readFileSync(target.paths[index]!));
  } catch (error) {
    return asProblem(error, post.source);
  }
}

/** Renders and writes one templated page; a post's body is read here unless given. */
function renderPage(state: WorkerState, target: RenderTarget, route: Route, body?: string): RenderResult {
  const { site } = target;
  const { file } = route;
  const index = route.kind === "post" ? route.post : undefined;
  const html = index === undefined ? undefined : (body ?? readBody(state, target, index));
  if (typeof html === "object") return { file, problem: html };
  const template = templateFor(route)!;
  // The context is this page's own, so it is added to in place: a copy made as `{ ...page, site }`
  // would get a hidden class of its own in V8 (Node 20), one per page, and miss every lookup cache.
  const context: Record<string, unknown> = Object.assign(pageContext(site, target.siteView, route), { site: target.siteView });
  if (html !== undefined) Object.assign(context.post as object, { content: html, stats: textStats(html, true) });
  let text: string;
  try {
    text = state.env.render(template, context);
  } catch (error) {
    throw templateError(error, state.templates, template);
  }
  return { file, write: writeOutputFile(target.outDir, file, text, target.currentDir) };
}

/** Renders a scope's feeds and the pages the job owns, each post's body once. */
function renderFeeds(state: WorkerState, target: RenderTarget, job: FeedsJob, results: RenderResult[]): void {
  const { site } = target;
  const bodies = new Map<number, string | Problem>();
  const bodyOf = (index: number): string | undefined => {
    let body = bodies.get(index);
    if (body === undefined) {
      bodies.set(index, (body = readBody(state, target, index)));
      if (typeof body === "object") results.push({ file: "", problem: body });
    }
    return typeof body === "string" ? body : undefined;
  };
  for (const route of job.pages) {
    const body = bodyOf(route.post);
    // A post whose file vanished after parsing has no page; its problem is reported once, above.
    results.push(body === undefined ? { file: route.file } : renderPage(state, target, route, body));
  }
  const entries = new Map<number, FeedEntries>();
  for (const feed of job.feeds) {
    const texts: string[] = [];
    for (const post of feed.items) {
      let entry = entries.get(post);
      if (!entry) {
        const body = bodyOf(post);
        if (body === undefined) continue;
        entries.set(post, (entry = renderEntries(site, post, body)));
      }
      texts.push(entry[feed.format]);
    }
    results.push({ file: feed.file, write: writeOutputFile(target.outDir, feed.file, feedFile(site, feed, texts, target.siteView.generator), target.currentDir) });
  }
}

function renderEntries(site: Site, index: number, html: string): FeedEntries {
  const { config } = site;
  const entry: FeedEntry = { html: absolutizeHtml(html, config.url), ...feedEntryData(site, index) };
  return feedEntries(entry, config.timezone);
}
