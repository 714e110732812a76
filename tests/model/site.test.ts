// The site model: neighbours in time and in a category, related posts, display names.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { buildSite } from "../../src/model/site.js";
import type { Post, SiteConfig } from "../../src/types.js";

let n = 0;
function post(day: number, categories: string[], tags: string[] = []): Post {
  const date = Date.UTC(2022, 0, day, 2);
  const id = `2022-01-${String(day).padStart(2, "0")}-p${n++}.md`;
  return {
    id,
    source: `posts/${id}`,
    hash: id,
    meta: { title: `day ${day}`, categories, tags, published: true, draft: false, extra: {} },
    date,
    urlDate: date,
    fileTitle: id.slice(11, -3),
    inDrafts: false,
    excerpt: "",
    bodyStart: 0,
    problems: [],
  };
}
const model = (posts: Post[], config: SiteConfig = DEFAULT_CONFIG) => buildSite(posts, config, { drafts: false, future: false, now: Date.UTC(2030, 0, 1) });
const titleOf = (site: ReturnType<typeof model>["site"], i: number | undefined) => (i === undefined ? undefined : site.posts[i]!.post.meta.title);

describe("neighbours", () => {
  it("in time and within the first category", () => {
    const { site } = model([post(1, ["a"]), post(2, ["b"]), post(3, ["a"]), post(4, ["b"]), post(5, ["a"])]);
    const day3 = site.posts.findIndex((p) => p.post.meta.title === "day 3");
    const entry = site.posts[day3]!;
    expect([titleOf(site, entry.older), titleOf(site, entry.newer)]).toEqual(["day 2", "day 4"]);
    expect([titleOf(site, entry.olderInCategory), titleOf(site, entry.newerInCategory)]).toEqual(["day 1", "day 5"]);
  });

  it("the newest and oldest have one side only", () => {
    const { site } = model([post(1, ["a"]), post(2, ["a"])]);
    expect(site.posts[0]!.newer).toBeUndefined();
    expect(site.posts[1]!.older).toBeUndefined();
  });
});

describe("related posts", () => {
  it("are those sharing the most terms, then nearest in time, at most five", () => {
    const posts = [
      post(1, ["a"], ["x", "y"]), // shares a, x, y with the subject
      post(2, ["b"]),
      post(9, ["a"]), // shares a only, but nearer in time than day 1
      post(10, ["a"], ["x", "y"]), // the subject
      post(11, ["a"], ["x"]),
      post(12, ["a"]),
      post(13, ["a"]),
      post(14, ["a"]),
      post(15, ["a"]),
    ];
    const { site } = model(posts);
    const subject = site.posts.find((p) => p.post.meta.title === "day 10")!;
    expect(subject.related.map((i) => titleOf(site, i))).toEqual(["day 1", "day 11", "day 9", "day 12", "day 13"]);
  });
});

describe("display names", () => {
  it("come from the registry, and unregistered categories are warned about once", () => {
    const config = { ...DEFAULT_CONFIG, categories: { a: { name: "甲类" } } };
    const { site, problems } = model([post(1, ["a"]), post(2, ["b"]), post(3, ["b"]), post(4, ["c"])], config);
    expect(site.categories.map((t) => [t.name, t.title])).toEqual([
      ["a", "甲类"],
      ["b", "b"],
      ["c", "c"],
    ]);
    const warnings = problems.filter((p) => p.code === "unregistered-term");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe("2 categories are not in site.yml and are shown by their slug: b, c");
  });

  it("terms whose slugs would collide get distinct URLs", () => {
    const { site } = model([post(1, ["a b", "a-b", "a/b"])]);
    expect(site.categories.map((t) => t.url)).toEqual(["/category/a-b.html", "/category/a-b-2.html", "/category/a-b-3.html"]);
  });
});
