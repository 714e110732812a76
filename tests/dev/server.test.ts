// The preview server over a real preview session: content types, the 404 page, refused escapes, CJK
// paths, folders, the base path, the injected script, and the reload events a change sends.

import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDev, type DevSession } from "../../src/dev/session.js";
import { makeSite, post } from "../helpers/site.js";

/** A raw GET: the path is sent exactly as given (no client-side `..` folding). */
function get(port: number, rawPath: string): Promise<{ status: number; type: string; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "localhost", port, path: rawPath }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), location: res.headers.location, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** An open page's event stream: every event name and data, in order. */
function events(port: number, page: string, since = "", headers: Record<string, string> = {}): { received: { event: string; data: string }[]; next(name: string): Promise<string>; close(): void } {
  const received: { event: string; data: string }[] = [];
  const waiting: { name: string; resolve: (data: string) => void }[] = [];
  const req = request({ host: "localhost", port, path: `/__broadsheet/events?page=${encodeURIComponent(page)}&since=${since}`, headers }, (res) => {
    let buffer = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
        if (!event) continue;
        received.push({ event, data });
        for (const w of waiting.splice(0)) (w.name === event ? w.resolve(data) : waiting.push(w));
      }
    });
  });
  req.end();
  return {
    received,
    next: (name) => new Promise((resolve) => waiting.push({ name, resolve })),
    close: () => req.destroy(),
  };
}

const quiet = { built: (r: { errors: readonly unknown[]; crash?: Error; events: readonly { path: string }[] }) => process.env.DEBUG_DEV && console.log(r.errors, r.crash, r.events.map((e) => e.path)), watchError: () => undefined };
const POST = "posts/2024-03-01-hello.md";

describe("the preview server", () => {
  let root: string;
  let dev: DevSession;

  beforeAll(async () => {
    root = makeSite({
      [POST]: post({ title: "你好", date: "2024-03-01 09:00:00 +0800", categories: "新闻" }),
      "posts/2024-03-02-second.md": post({ title: "第二篇", date: "2024-03-02 09:00:00 +0800", categories: "other" }),
      "public/style.css": "body { color: black }\n",
      "public/img/dot.png": Buffer.from("89504e470d0a1a0a", "hex"),
      "site.yml": "title: 测试\nurl: https://example.org\n",
    });
    dev = await startDev({ host: "localhost", port: 0, build: { root, drafts: true, future: true, workers: 0 } }, quiet);
  });
  afterAll(() => dev.close());

  it("builds into its own folder, never dist/, and prints a localhost URL", () => {
    expect(dev.out).toBe(path.join(root, ".broadsheet-dev", "site"));
    expect(existsSync(path.join(root, "dist"))).toBe(false);
    expect(dev.url).toBe(`http://localhost:${dev.port}/`);
  });

  it.each([
    ["/", 200, "text/html; charset=utf-8"],
    ["/style.css", 200, "text/css; charset=utf-8"],
    ["/img/dot.png", 200, "image/png"],
    ["/feed.xml", 200, "application/xml; charset=utf-8"],
    ["/feed.json", 200, "application/json; charset=utf-8"],
    ["/robots.txt", 200, "text/plain; charset=utf-8"],
  ])("serves %s with status %i and %s", async (url, status, type) => {
    const res = await get(dev.port, url);
    expect([res.status, res.type]).toEqual([status, type]);
  });

  it("answers a missing page with the site's 404 page and status 404", async () => {
    const res = await get(dev.port, "/no/such/page.html");
    expect(res.status).toBe(404);
    expect(res.type).toBe("text/html; charset=utf-8");
    expect(res.body).toContain("页面不存在");
  });

  it.each(["/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/news/..%5c..%5cetc", "/a/%00.html"])("refuses %s", async (raw) => {
    const res = await get(dev.port, raw);
    expect(res.status).toBe(403);
    expect(res.body).not.toContain("root:");
  });

  it("serves percent-encoded CJK paths", async () => {
    const res = await get(dev.port, `/${encodeURIComponent("新闻")}/2024/03/01/hello.html`);
    expect(res.status).toBe(200);
    expect(res.body).toContain("你好");
    const category = await get(dev.port, `/category/${encodeURIComponent("新闻")}.html`);
    expect(category.status).toBe(200);
  });

  it("serves index.html for a folder and redirects a folder without its slash", async () => {
    const folder = await get(dev.port, "/archive/2024/");
    expect(folder.status).toBe(200);
    expect(folder.body).toContain("2024");
    const bare = await get(dev.port, "/archive/2024?x=1");
    expect([bare.status, bare.location]).toEqual([301, "/archive/2024/?x=1"]);
  });

  it("adds the reload script to HTML it serves, never to the files on disk", async () => {
    const res = await get(dev.port, "/");
    expect(res.body).toMatch(/<script src="\/__broadsheet\/client\.js" data-since="\d+" defer><\/script><\/body>/);
    expect(readFileSync(path.join(dev.out, "index.html"), "utf8")).not.toContain("__broadsheet");
    const script = await get(dev.port, "/__broadsheet/client.js");
    expect([script.status, script.type]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect(script.body).toContain("EventSource");
  });

  it("tells a page to reload when its own file changes, and only swaps stylesheets on a CSS change", async () => {
    const url = `/${encodeURIComponent("新闻")}/2024/03/01/hello.html`;
    const page = events(dev.port, url);
    const other = events(dev.port, "/category/"); // lists categories, not titles: a title edit leaves it alone
    await page.next("hello");
    await other.next("hello");
    try {
      const reload = page.next("reload");
      writeFileSync(path.join(root, POST), post({ title: "你好（更新）", date: "2024-03-01 09:00:00 +0800", categories: "新闻" }));
      await reload;
      await dev.idle();
      expect((await get(dev.port, url)).body).toContain("你好（更新）");
      expect(other.received.map((e) => e.event)).not.toContain("reload");

      const css = other.next("css");
      appendFileSync(path.join(root, "public/style.css"), "a { color: red }\n");
      expect(JSON.parse(await css)).toEqual({ files: ["style.css"] });
      await dev.idle();
      expect(other.received.map((e) => e.event)).not.toContain("reload");
    } finally {
      page.close();
      other.close();
    }
  });

  it("tells a page served before a change, whose stream opens after it, what it missed", async () => {
    // A page reloading for one change is served, then opens its stream: a change in between was lost.
    const since = /data-since="(\d+)"/.exec((await get(dev.port, "/category/")).body)![1]!;
    const watcher = events(dev.port, "/tag/");
    await watcher.next("hello");
    const built = watcher.next("css");
    appendFileSync(path.join(root, "public/style.css"), "p { color: blue }\n");
    await built;
    await dev.idle();
    watcher.close();

    const now = /data-since="(\d+)"/.exec((await get(dev.port, "/category/")).body)![1]!;
    expect(Number(now)).toBe(Number(since) + 1);
    const late = events(dev.port, "/category/", since);
    const current = events(dev.port, "/category/", now);
    // A reconnecting stream names the last event it had: nothing since, nothing to do.
    const reconnected = events(dev.port, "/category/", "0", { "last-event-id": now });
    const missed = late.next("css");
    const ready = [current.next("overlay"), reconnected.next("overlay")];
    try {
      expect(JSON.parse(await missed)).toEqual({ files: ["style.css"] });
      await Promise.all(ready);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(current.received.map((e) => e.event)).toEqual(["hello", "overlay"]);
      expect(reconnected.received.map((e) => e.event)).toEqual(["hello", "overlay"]);
    } finally {
      late.close();
      current.close();
      reconnected.close();
    }
  });

  it("sends the overlay with the error's file and line, and clears it when fixed", async () => {
    const page = events(dev.port, "/");
    await page.next("overlay");
    try {
      const shown = page.next("overlay");
      writeFileSync(path.join(root, POST), "---\ntitle: 你好\ndate: [2024\n---\nbody\n");
      const problems = JSON.parse(await shown).problems as string[];
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/2024-03-01-hello\.md:\d+:\d+ {2}front matter is not valid YAML/);
      // The last good page stays served meanwhile.
      expect((await get(dev.port, `/${encodeURIComponent("新闻")}/2024/03/01/hello.html`)).status).toBe(200);
      const cleared = page.next("overlay");
      writeFileSync(path.join(root, POST), post({ title: "你好", date: "2024-03-01 09:00:00 +0800", categories: "新闻" }));
      expect(JSON.parse(await cleared)).toEqual({ problems: [] });
    } finally {
      page.close();
    }
  });
});

describe("the preview under a base path", () => {
  it("serves the site under it and sends the bare root there", async () => {
    const root = makeSite({ "posts/2024-03-01-a.md": post({ title: "甲", date: "2024-03-01 09:00:00 +0800", categories: "x" }), "public/style.css": "a{}" });
    const dev = await startDev({ host: "localhost", port: 0, build: { root, baseUrl: "/news/", workers: 0 } }, quiet);
    try {
      expect(dev.url).toBe(`http://localhost:${dev.port}/news/`);
      expect(await get(dev.port, "/")).toMatchObject({ status: 301, location: "/news/" });
      expect(await get(dev.port, "/news")).toMatchObject({ status: 301, location: "/news/" });
      const home = await get(dev.port, "/news/");
      expect(home.status).toBe(200);
      expect(home.body).toContain(`href="/news/style.css"`);
      expect((await get(dev.port, "/news/style.css")).status).toBe(200);
      expect((await get(dev.port, "/style.css")).status).toBe(404);
    } finally {
      await dev.close();
    }
  });
});

describe("the preview of a site whose first build fails", () => {
  it("serves a page that carries the overlay, and the site once the template is fixed", async () => {
    const root = makeSite({
      "posts/2024-03-01-a.md": post({ title: "甲", date: "2024-03-01 09:00:00 +0800", categories: "x" }),
      "templates/post.njk": "{% extends 'base.njk' %}{% block main %}{{ post.title }{% endblock %}",
    });
    const dev = await startDev({ host: "localhost", port: 0, build: { root, workers: 0 } }, quiet);
    try {
      const page = events(dev.port, "/");
      const overlay = JSON.parse(await page.next("overlay")).problems as string[];
      expect(overlay[0]).toMatch(/templates\/post\.njk:1:\d+ {2}/);
      const home = await get(dev.port, "/");
      expect(home.status).toBe(404);
      expect(home.body).toContain("/__broadsheet/client.js");
      const reload = page.next("reload");
      writeFileSync(path.join(root, "templates/post.njk"), "{% extends 'base.njk' %}{% block main %}{{ post.title }}{% endblock %}");
      await reload;
      expect((await get(dev.port, "/")).status).toBe(200);
      page.close();
    } finally {
      await dev.close();
    }
  });
});
