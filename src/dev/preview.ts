// The edited post's own page, ahead of the rebuild: when an edit leaves a post where it was (see
// model/place.ts), its page is rendered from the last build's model with only that post
// replaced, and swapped into the output at once. The rebuild that follows writes everything else
// (neighbours, listings, feeds) and finds this page's bytes already right.

import { mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { LastBuild } from "../build.js";
import { plainPost } from "../cache/post-columns.js";
import { globalKey } from "../graph/global-key.js";
import { createPostParser, type PostParser } from "../parse/post.js";
import { shareLinks } from "../render/links.js";
import { placeOf } from "../model/place.js";
import { summarizePost, type SitePost } from "../types.js";
import { createState, renderFiles, setTarget, type WorkerState } from "../workers/tasks.js";
import { besideOutput } from "../write/output.js";

/** Renders edited posts' pages from the last build; keeps its parser and compiled templates between calls. */
export class PagePreview {
  private state: WorkerState | undefined;
  private parser: PostParser | undefined;
  private key = "";
  private indexOf = new WeakMap<LastBuild, Map<string, number>>();

  /** Writes the pages of the edited files it can; returns the output files written. Never throws: the rebuild reports problems. */
  render(last: LastBuild, files: readonly string[]): string[] {
    try {
      return this.renderPages(last, files);
    } catch {
      return [];
    }
  }

  private renderPages(last: LastBuild, files: readonly string[]): string[] {
    let index = this.indexOf.get(last);
    if (!index) this.indexOf.set(last, (index = new Map(last.postPaths.map((file, i) => [file, i]))));
    const key = globalKey([last.setup.config, last.setup.parse, last.setup.templateHashes]);
    if (key !== this.key || !this.state || !this.parser) {
      this.state = createState(last.setup);
      this.parser = createPostParser(last.setup.parse);
      this.key = key;
    }
    const posts = [...last.site.posts] as SitePost[];
    const edited: number[] = [];
    for (const file of new Set(files)) {
      const at = index.get(file);
      if (at === undefined) continue;
      const before = last.parsed(posts[at]!.post.id);
      if (!before) continue;
      const after = this.parser.parse({ id: before.id, display: before.source, inDrafts: before.inDrafts }, readFileSync(file));
      if (after.hash === before.hash || after.problems.length > 0 || placeOf(after, last.site.config) !== placeOf(before, last.site.config)) continue;
      posts[at] = { ...plainPost(posts[at]!), post: summarizePost(after) };
      edited.push(at);
    }
    if (edited.length === 0) return [];

    const out = last.paths.out;
    const work = besideOutput(out, `preview-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      const site = { ...last.site, posts };
      shareLinks(last.site, site); // URLs and dates are unchanged (see placeOf)
      setTarget(this.state, { site, siteView: last.siteView, paths: last.postPaths, outDir: work, currentDir: out });
      const routes = edited.map((at) => last.routes.find((route) => route.kind === "post" && route.post === at)).filter((route) => route !== undefined);
      const written: string[] = [];
      for (const result of renderFiles(this.state, routes.map((route) => ({ route, entry: false })))) {
        if (!result.write?.changed) continue;
        const target = path.join(out, result.file);
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(path.join(work, result.file), target);
        written.push(result.file);
      }
      return written;
    } finally {
      this.state.target = undefined;
      rmSync(work, { recursive: true, force: true });
    }
  }
}
