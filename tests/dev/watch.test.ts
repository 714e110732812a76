// The watcher: each kind of source is reported with its kind; site.yml and a drafts folder that
// appear later are picked up; the preview's own output and editor droppings are not reported.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSite } from "../../src/config/load.js";
import { watchSite, type SiteWatcher, type SourceEvent } from "../../src/dev/watch.js";
import { makeSite, post } from "../helpers/site.js";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchSite", () => {
  let watcher: SiteWatcher | undefined;
  afterEach(() => watcher?.close());

  it("reports posts, templates, public files, site.yml and new drafts folders by kind", async () => {
    const root = makeSite({ "posts/2024-01-01-a.md": post({ title: "甲" }), "templates/post.njk": "x", "public/style.css": "a{}" });
    const events: SourceEvent[] = [];
    const out = path.join(root, ".broadsheet-dev", "site");
    watcher = watchSite(loadSite({ root }).paths, true, out, (event) => events.push(event), (error) => {
      throw error;
    });
    await watcher.ready;
    /** The distinct events a write causes: waits for the first (up to 10 s), then a little for any more. */
    const seen = async (write: () => void, expectNone = false): Promise<[string, string, boolean][]> => {
      events.length = 0;
      write();
      for (let waited = 0; !expectNone && events.length === 0 && waited < 10_000; waited += 20) await sleep(20);
      await sleep(expectNone ? 1000 : 200);
      // One change may be reported twice (fs.watch's own event, then chokidar's): the session drops echoes.
      return [...new Map(events.map((e) => [`${e.kind} ${e.path} ${e.folder}`, [e.kind, path.relative(root, e.path), e.folder] as [string, string, boolean]])).values()];
    };

    expect(await seen(() => writeFileSync(path.join(root, "posts/2024-01-01-a.md"), post({ title: "乙" })))).toEqual([["post", "posts/2024-01-01-a.md", false]]);
    expect(await seen(() => writeFileSync(path.join(root, "templates/post.njk"), "y"))).toEqual([["template", "templates/post.njk", false]]);
    expect(await seen(() => writeFileSync(path.join(root, "public/style.css"), "b{}"))).toEqual([["public", "public/style.css", false]]);
    expect(await seen(() => writeFileSync(path.join(root, "site.yml"), "title: x\n"))).toEqual([["config", "site.yml", false]]);
    expect(await seen(() => mkdirSync(path.join(root, "_drafts")))).toEqual([["post", "_drafts", true]]);
    expect(await seen(() => writeFileSync(path.join(root, "_drafts/idea.md"), post({ title: "草稿" })))).toEqual([["post", "_drafts/idea.md", false]]);
    const ignored = await seen(() => {
      mkdirSync(out, { recursive: true });
      writeFileSync(path.join(out, "index.html"), "built");
      writeFileSync(path.join(root, "posts/.2024-01-01-a.md.swp"), "vim");
      writeFileSync(path.join(root, "notes.txt"), "not a source");
    }, true);
    expect(ignored).toEqual([]);
  });
});
