// The per-post work of a build: parse a post, render a page, write its file, render feed entries.
// Pure functions of their messages plus this thread's state, so they run the same in a worker
// thread or inline; the HTML of posts this thread parsed stays here until its pages are rendered.

import { readFileSync } from "node:fs";
import type nunjucks from "nunjucks";
import { BuildError, type Problem } from "../errors.js";
import { createPostParser, type ParseSettings, type PostFile } from "../parse/post.js";
import { absolutizeHtml, feedEntry, type FeedEntry } from "../render/feeds.js";
import { createEnvironment, templateError } from "../render/environment.js";
import type { TemplateSet, TemplateFile } from "../render/templates.js";
import type { Post, SiteConfig } from "../types.js";
import { writeOutputFile, type WriteResult } from "../write/files.js";

/** What every thread is set up with once per build. */
export interface WorkerSetup {
  readonly config: SiteConfig;
  readonly parse: ParseSettings;
  readonly templates: readonly TemplateFile[];
  readonly templateHashes: readonly [string, string][];
}

/** Where and with what site-wide data pages are rendered; set after parsing, without losing kept HTML. */
export interface RenderTarget {
  /** The `site` variable every page receives (sent once rather than with every page). */
  readonly siteView: Readonly<Record<string, unknown>>;
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

/** One output to produce: a templated page, and/or a post's feed entries. */
export interface RenderJob {
  readonly file: string;
  readonly template?: string;
  readonly context?: Record<string, unknown>;
  /** The post whose body the page shows or whose entries are wanted. */
  readonly post?: ParseJob;
  /** Feed entry data without its HTML; when present, the entries are rendered and returned. */
  readonly entry?: Omit<FeedEntry, "html">;
  /** Bytes already rendered (feeds, sitemaps): only written. */
  readonly text?: string;
}

/** What a render job produced. */
export interface RenderResult {
  readonly file: string;
  /** Id of the post the job concerned. */
  readonly post?: string;
  readonly write?: WriteResult;
  readonly entries?: { readonly atom: string; readonly rss: string; readonly json: string };
  readonly problem?: Problem;
}

/** A thread's state for one build. */
export interface WorkerState {
  readonly setup: WorkerSetup;
  target?: RenderTarget;
  readonly parsePost: ReturnType<typeof createPostParser>;
  readonly env: nunjucks.Environment;
  readonly templates: TemplateSet;
  readonly html: Map<string, string>;
  htmlChars: number;
}

/** How much post HTML (UTF-16 code units) a thread keeps between parsing and rendering. */
const HTML_BUDGET = 96 * 1024 * 1024;

/** Sets a thread up for a build. */
export function createState(setup: WorkerSetup): WorkerState {
  const templates: TemplateSet = { files: new Map(setup.templates.map((t) => [t.name, t])), hashes: new Map(setup.templateHashes) };
  return { setup, parsePost: createPostParser(setup.parse), env: createEnvironment(templates, setup.config), templates, html: new Map(), htmlChars: 0 };
}

const asProblem = (error: unknown, file: string): Problem => {
  if (error instanceof BuildError) return error.problem;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return { severity: "error", code: "unreadable", file, message: "permission denied", hint: "check the file's permissions" };
  if (code === "ENOENT") return { severity: "error", code: "unreadable", file, message: "file vanished while building" };
  if (code === "EISDIR") return { severity: "error", code: "unreadable", file, message: "is a folder, not a post" };
  throw error;
};

/** Parses posts, keeping their HTML for the render phase while within budget. */
export function parseFiles(state: WorkerState, jobs: readonly ParseJob[]): ParseResult[] {
  return jobs.map((job) => {
    try {
      const { post, html } = state.parsePost(job, readFileSync(job.path));
      if (state.htmlChars + html.length <= HTML_BUDGET) {
        state.html.set(job.id, html);
        state.htmlChars += html.length;
      }
      return { ok: true, post };
    } catch (error) {
      return { ok: false, problem: asProblem(error, job.display) };
    }
  });
}

function bodyHtml(state: WorkerState, job: ParseJob): string {
  const kept = state.html.get(job.id);
  if (kept !== undefined) return kept;
  return state.parsePost(job, readFileSync(job.path)).html;
}

/** Renders and writes pages; returns feed entries where asked. A template error stops the build. */
export function renderFiles(state: WorkerState, jobs: readonly RenderJob[]): RenderResult[] {
  const { config } = state.setup;
  const target = state.target;
  if (!target) throw new Error("render before target");
  return jobs.map((job) => {
    let html: string | undefined;
    if (job.post) {
      try {
        html = bodyHtml(state, job.post);
      } catch (error) {
        return { file: job.file, post: job.post.id, problem: asProblem(error, job.post.display) };
      }
    }
    let entries: RenderResult["entries"];
    if (job.entry && html !== undefined) {
      const entry: FeedEntry = { ...job.entry, html: absolutizeHtml(html, config.url) };
      entries = { atom: feedEntry("atom", entry, config.timezone), rss: feedEntry("rss", entry, config.timezone), json: feedEntry("json", entry, config.timezone) };
    }
    let text = job.text;
    if (job.template && job.context) {
      const page = { ...job.context, site: target.siteView };
      const context = html !== undefined ? { ...page, post: { ...(job.context.post as object), content: html } } : page;
      try {
        text = state.env.render(job.template, context);
      } catch (error) {
        throw templateError(error, state.templates, job.template);
      }
    }
    const write = text === undefined ? undefined : writeOutputFile(target.outDir, job.file, text, target.currentDir);
    return { file: job.file, post: job.post?.id, write, entries };
  });
}

/** Forgets the HTML kept since parsing. */
export function clearState(state: WorkerState): void {
  state.html.clear();
  state.htmlChars = 0;
}
