// _config.yml → the settings it means: each key broadsheet reads, Jekyll's empty values as unset,
// and every other key (theme, plugins) ignored.

import path from "node:path";
import { describe, expect, it } from "vitest";
import { isJekyllRoot, readJekyllConfig } from "../../src/config/jekyll.js";
import { makeSite } from "../helpers/site.js";

const read = (text: string) => {
  const root = makeSite({ "_config.yml": text });
  return readJekyllConfig(path.join(root, "_config.yml"), "_config.yml");
};

describe("readJekyllConfig", () => {
  it("reads title, description, url, baseurl, timezone, lang, author, permalink and paginate", () => {
    const config = read(
      [
        "theme: jekyll-theme-minimal",
        "plugins: [jekyll-feed]",
        "title: 金融消息",
        "description: 财经新闻",
        "url: https://finews.withounder.com",
        "baseurl: /news",
        "timezone: America/New_York",
        "lang: en-US",
        "author: {name: ZNing, email: z@example.com}",
        "permalink: pretty",
        "paginate: 20",
      ].join("\n"),
    );
    expect(config).toMatchObject({
      title: "金融消息",
      description: "财经新闻",
      url: "https://finews.withounder.com",
      basePath: "/news/",
      timezone: "America/New_York",
      language: "en-US",
      author: "ZNing",
      pageSize: 20,
      jekyll: true,
    });
    expect(config.permalinks.post).toBe("pretty");
    expect(config.permalinks.page).toBe("page:num/");
  });

  it("treats empty values as unset and keeps broadsheet's defaults for what is missing", () => {
    const config = read('url: ""\nbaseurl: ""\ntitle:\nauthor: 编辑部\npaginate_path: "/p/:num/"\n');
    expect(config).toMatchObject({ url: "http://localhost:4000", basePath: "/", title: "Broadsheet", author: "编辑部", pageSize: 50, jekyll: true });
    expect(config.permalinks.post).toBe("/:categories/:year/:month/:day/:title.html");
    expect(config.permalinks.page).toBe("p/:num/");
  });

  it.each([
    ["paginate: many\n", "_config.yml:1:1  paginate: expected a whole number of at least 1, got \"many\""],
    ["title: x\nurl: finews\n", '_config.yml:2:1  url: expected an absolute http(s) URL, got "finews"'],
    ["title: [unclosed\n", "_config.yml:2:1  _config.yml is not valid YAML"],
  ])("names the Jekyll key of a bad value: %j", (text, message) => {
    let error: unknown;
    try {
      read(text);
    } catch (caught) {
      error = caught;
    }
    const problem = (error as { problem: { file: string; line?: number; column?: number; message: string } }).problem;
    expect(`${problem.file}:${problem.line}:${problem.column}  ${problem.message}`).toContain(message);
  });
});

describe("isJekyllRoot", () => {
  it.each([
    [{ "_config.yml": "", "_posts/a.md": "" }, true],
    [{ "_config.yml": "", "_posts/a.md": "", "posts/b.md": "" }, false],
    [{ "_posts/a.md": "" }, false],
    [{ "_config.yml": "", "posts/a.md": "" }, false],
  ])("%j → %s", (files, expected) => {
    expect(isJekyllRoot(makeSite(files))).toBe(expected);
  });
});
