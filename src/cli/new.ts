// `broadsheet new "标题"`: writes a post in the house format into posts/ (or the drafts folder),
// never over another, and prints its path and the URL it will have.

import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ParseArgsConfig } from "node:util";
import { postText, postFileName } from "../authoring/post-text.js";
import { cleanSlug, newSlug } from "../authoring/slug.js";
import { parseSettings } from "../parse/settings.js";
import { closestNote, closestTerms, isRegistered } from "../check/terms.js";
import { displayPath, loadSite } from "../config/load.js";
import { BuildError, UsageError } from "../errors.js";
import { absoluteUrl } from "../render/format.js";
import { termSlug } from "../model/slug.js";
import { postUrl } from "../model/site.js";
import { DateError, parseDate } from "../parse/dates.js";
import { createPostParser } from "../parse/post.js";
import type { SiteConfig, TermInfo } from "../types.js";
import { writeNewPost } from "../write/new-post.js";
import { parse } from "./args.js";
import { formatProblem } from "./format.js";

const HELP = `Usage: broadsheet new "标题" [options]

Writes posts/YYYY-MM-DD-<slug>.md with front matter in the house format (quoted title, the date
with its offset, categories, tags, layout: post) and an empty body, then prints the file's path
and the URL the post will have. Never overwrites: a second post of the same day and slug gets -2.

Options:
  --category SLUG   the post's category (repeat, or separate with commas, for several)
  --tags A,B        the post's tags (repeat, or separate with commas)
  --date DATE       the post's date instead of now, e.g. "2022-01-18 14:05:51" (site time zone)
                    or "2022-01-18 14:05:51 +0800"
  --slug SLUG       the file name's slug instead of one made from the title (site.yml new_slug:
                    pinyin, title or id)
  --draft           write into the drafts folder (built only with build --drafts)
  --root DIR        the site folder (default: .)
  -h, --help        show this help`;

const OPTIONS = {
  category: { type: "string", multiple: true },
  tags: { type: "string", multiple: true },
  date: { type: "string" },
  slug: { type: "string" },
  draft: { type: "boolean" },
  root: { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** `--tags a,b --tags c` → a, b, c (ASCII or Chinese commas). */
const listOf = (values: readonly string[] | undefined): string[] => [
  ...new Set((values ?? []).flatMap((value) => value.split(/[,，、]/)).map((value) => value.trim()).filter(Boolean)),
];

const isDirectory = (dir: string): boolean => existsSync(dir) && statSync(dir).isDirectory();

/** The drafts folder: one the site has, else Jekyll's `_drafts` in a Jekyll root, `drafts` otherwise. */
function draftsFolder(root: string, jekyll: boolean): string {
  const found = ["drafts", "_drafts"].find((name) => isDirectory(path.join(root, name)));
  return path.join(root, found ?? (jekyll ? "_drafts" : "drafts"));
}

/** A warning for each value the registry lacks, naming the registered ones closest in spelling. */
function unknownWarnings(kind: "category" | "tag", values: readonly string[], registry: Readonly<Record<string, TermInfo>>, config: SiteConfig): string[] {
  if (Object.keys(registry).length === 0) return [];
  const where = config.jekyll ? "site.yml or a category page" : "site.yml";
  return values
    .filter((value) => !isRegistered(registry, value, termSlug(value)))
    .map((value) => `warning: ${kind} "${value}" is not registered in ${where}${closestNote(closestTerms(value, registry))}`);
}

function postDate(text: string | undefined, timezone: string): number {
  if (text === undefined) return Date.now();
  try {
    return parseDate(text, timezone).ms;
  } catch (error) {
    if (error instanceof DateError) throw new UsageError(`--date: ${error.message}; write e.g. "2022-01-18 14:05:51" or "2022-01-18 14:05:51 +0800"`);
    throw error;
  }
}

/** Runs `broadsheet new`; resolves with the exit code. */
export async function newCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS);
  const flags = values as { category?: string[]; tags?: string[]; date?: string; slug?: string; draft?: boolean; root?: string; help?: boolean };
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const title = positionals.join(" ").trim();
  if (title === "") throw new UsageError('new needs a title: broadsheet new "标题" --category slug');
  try {
    const { paths, config } = loadSite({ root: flags.root });
    if (config.encoding !== "utf-8" && config.encoding !== "utf8") {
      throw new BuildError({ code: "encoding", file: paths.config, message: `new writes UTF-8, and this site's posts are ${config.encoding}`, hint: "write the post by hand in that encoding" });
    }
    const date = postDate(flags.date, config.timezone);
    const slug = flags.slug === undefined ? await newSlug(title, config.newSlug, date, config.timezone) : cleanSlug(flags.slug);
    if (slug === "") throw new UsageError(`--slug ${JSON.stringify(flags.slug)} has nothing usable in a file name`);
    const categories = listOf(flags.category);
    const tags = listOf(flags.tags);
    const text = postText({ title, date, timezone: config.timezone, categories, tags });

    const drafts = draftsFolder(paths.root, config.jekyll);
    const dated = !(flags.draft && config.jekyll);
    const dir = flags.draft ? drafts : paths.posts;
    const file = writeNewPost({ dir, name: (n) => postFileName({ date, timezone: config.timezone }, slug, n, dated), others: [flags.draft ? paths.posts : drafts] }, text);

    // The URL as the build will compute it: the written file parsed as the build parses it.
    const id = path.relative(dir, file).split(path.sep).join("/");
    const post = createPostParser(parseSettings(config)).parse({ id, display: displayPath(file), inDrafts: Boolean(flags.draft) }, readFileSync(file));
    for (const warning of [...unknownWarnings("category", categories, config.categories, config), ...unknownWarnings("tag", tags, config.tags, config)]) {
      console.error(warning);
    }
    console.log(displayPath(file));
    console.log(absoluteUrl(config, postUrl(post, config)));
    return 0;
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(formatProblem(error.problem));
    return 1;
  }
}
