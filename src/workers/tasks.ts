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
import { absolutizeHtml, feedEntries, feedEntryData, type FeedEntries, type FeedEntry } from "../render/feeds.js";
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
}

/** A post file to read. */
export interface ParseJob extends PostFile {
  readonly path: string;
}

/** The outcome of parsing one file. */
export type ParseResult = { readonly ok: true; readonly post: Post } | { readonly ok: false; readonly problem: Problem };

/** One output to produce: a templated page (with the post's feed entries where asked), or only a post's entries. */
export type RenderJob = { readonly route: Route; readonly entry: boolean } | { readonly entryOf: number };

/** What a render job produced. */
export interface RenderResult {
  readonly file: string;
  /** Index of the post the job concerned. */
  readonly post?: number;
  readonly write?: WriteResult;
  readonly entries?: FeedEntries;
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
  forgetFolders();
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

/** Renders and writes pages, with the feed entries of posts where asked. A template error stops the build. */
export function renderFiles(state: WorkerState, jobs: readonly RenderJob[]): RenderResult[] {
  const target = state.target;
  if (!target) throw new Error("render before target");
  const { site } = target;
  return jobs.map((job) => {
    const route = "route" in job ? job.route : undefined;
    const index = route ? (route.kind === "post" ? route.post : undefined) : (job as { entryOf: number }).entryOf;
    const file = route?.file ?? "";
    let html: string | undefined;
    if (index !== undefined) {
      const { post } = site.posts[index]!;
      try {
        html = state.parser.body(post, readFileSync(target.paths[index]!));
      } catch (error) {
        return { file, post: index, problem: asProblem(error, post.source) };
      }
    }
    const entries = index !== undefined && (!route || (job as { entry: boolean }).entry) ? renderEntries(site, index, html!) : undefined;
    if (!route) return { file, post: index, entries };
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
    return { file, post: index, write: writeOutputFile(target.outDir, file, text, target.currentDir), entries };
  });
}

function renderEntries(site: Site, index: number, html: string): FeedEntries {
  const { config } = site;
  const entry: FeedEntry = { html: absolutizeHtml(html, config.url), ...feedEntryData(site, index) };
  return feedEntries(entry, config.timezone);
}
