// The output folder may not be, hold, or sit inside the site or any folder the build reads: a build
// replaces its output folder whole, so `--out .` or `--out posts` swapped the site's own posts away.
// Nor may it be a folder of someone else's files: `--out /var/www/html` would have thrown them away.

import { closeSync, existsSync, openSync, opendirSync, readSync, realpathSync, statSync, type Dir } from "node:fs";
import path from "node:path";
import { BuildError } from "../errors.js";
import type { SitePaths } from "../types.js";
import { CATEGORY_PAGES } from "./category-pages.js";

/** Throws BuildError when the output folder is, holds, or is inside the site folder or one of the build's inputs, or holds files no build of ours wrote. */
export function checkOutFolder(paths: SitePaths, show: (file: string) => string): void {
  const out = realPath(paths.out);
  const root = realPath(paths.root);
  const inputs: [string, string][] = [
    ["posts folder", paths.posts],
    ["drafts folder", path.join(paths.root, "_drafts")],
    ["category pages folder", path.join(paths.root, CATEGORY_PAGES)],
    ...paths.templates.map((dir): [string, string] => ["templates folder", dir]),
    ...paths.public.map((dir): [string, string] => ["public folder", dir]),
  ];
  const refuse = (what: string): never => {
    throw new BuildError({
      code: "out-folder",
      file: show(paths.out),
      message: `the output folder ${what}; a build replaces its whole output folder`,
      hint: "write the site to a folder of its own, e.g. --out dist (the default)",
    });
  };
  if (existsSync(paths.out) && !statSync(paths.out).isDirectory()) refuse(`is a file`);
  if (out === root) refuse("is the site folder");
  if (within(root, out)) refuse(`holds the site folder ${show(paths.root)}`);
  for (const [name, dir] of inputs) {
    const input = realPath(dir);
    if (out === input) refuse(`is the ${name}`);
    // (Posts read from the site folder itself, `--posts .`, leave dist/ inside it, as for any site.)
    if (within(out, input) && input !== root) refuse(`is inside the ${name} ${show(dir)}`);
    if (within(input, out)) refuse(`holds the ${name} ${show(dir)}`);
  }
  if (!isReplaceable(paths.out)) {
    throw new BuildError({
      code: "out-folder",
      file: show(paths.out),
      message: "the output folder holds files no broadsheet build wrote (it has no feed.xml or rss.xml of ours); a build replaces its whole output folder",
      hint: "build into a new or empty folder, e.g. --out dist (the default), or remove this one first if its files can go",
    });
  }
}

/**
 * True when the folder is a broadsheet build's output, missing, or empty. Every build writes the
 * site's Atom and RSS feeds at its top in code (no theme can drop them; their paths are
 * routes/urls.ts's, written out here so that this check, run by every build, loads nothing more),
 * naming broadsheet as their generator. Either will do: a user who deleted one by hand still owns the
 * folder. They are looked at first: the top of a large site's output lists thousands of folders.
 */
function isReplaceable(out: string): boolean {
  if (OWN_FEEDS.some((feed) => namesBroadsheet(path.join(out, feed)))) return true;
  let dir: Dir | undefined;
  try {
    dir = opendirSync(out);
    return dir.readSync() === null;
  } catch {
    return true; // not there yet (or unreadable: the build reports that where it writes)
  } finally {
    dir?.closeSync();
  }
}

const OWN_FEEDS = ["feed.xml", "rss.xml"];

/** Whether a feed's header names broadsheet as its generator (false when there is no such file). */
function namesBroadsheet(feed: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(feed, "r");
    const head = Buffer.allocUnsafe(65536); // the header: site title and description, then the generator
    const read = readSync(fd, head, 0, head.length, 0);
    return /<generator>broadsheet\b/.test(head.toString("utf8", 0, read));
  } catch {
    return false; // no feed: someone else's folder, an empty one, or none yet
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** True when `inner` is inside `outer` (not the same folder). */
export function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** The path with symlinks resolved as far as it exists: an output folder is often not made yet. */
export function realPath(file: string): string {
  const resolved = path.resolve(file);
  let existing = resolved;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    return path.join(realpathSync(existing), path.relative(existing, resolved));
  } catch {
    return resolved;
  }
}
