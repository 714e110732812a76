// File system → source files: walks the posts (and drafts) folders, following symlinks once.

import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { displayPath } from "./config/load.js";
import { problem, type Problem } from "./errors.js";
import { fileFacts, type FileFacts } from "./file-facts.js";
import type { SitePaths, SourceFile } from "./types.js";

/** File endings read as posts; anything else in posts/ (images, PDFs) is left alone. */
export const POST_EXTENSIONS = [".md", ".markdown", ".mdown", ".mkd"];

/** Whether a file name ends in a post extension (any case). */
export function isPostName(name: string): boolean {
  const dot = name.lastIndexOf(".");
  return dot > 0 && POST_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

/** Names that are never content: hidden files, editor droppings, OS litter. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith(".") || name.startsWith("#") || name.endsWith("~") || name.endsWith(".swp") || name === "Thumbs.db" || name === "desktop.ini";
}

/** Folders whose posts are drafts (inside posts/, or beside it in the site folder). */
export const DRAFT_FOLDERS = new Set(["drafts", "_drafts"]);

/** What readSources found: the post files, and what it could not read. */
export interface Sources {
  readonly files: readonly SourceFile[];
  readonly problems: readonly Problem[];
  /** Files in posts/ that are not posts (images, other documents). */
  readonly ignored: number;
}

/** Lists every post file; with `drafts`, also the site's drafts folders. Sorted by id. */
export function readSources(paths: SitePaths, drafts: boolean): Sources {
  const files: SourceFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  // Files reached through a symlink to a file, with the real path they stand for.
  const links = new Map<SourceFile, string>();
  let ignored = 0;

  const walk = (dir: string, prefix: string, inDrafts: boolean): void => {
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(dir);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push(problem("error", "unreadable", displayPath(dir), `cannot read folder: ${errnoText(error)}`, "check its permissions"));
      return;
    }
    if (seen.has(real)) {
      problems.push(problem("warning", "symlink-loop", displayPath(dir), "folder already read through another path (a symlink loop?); skipped"));
      return;
    }
    seen.add(real);
    // Worked out once per folder: at 10,000 files a path.relative each was a tenth of a no-change build.
    const shownDir = path.resolve(dir) === process.cwd() ? "" : displayPath(dir);
    // Joined by hand: both are normalized, and path.join's normalizing of 10,000 paths shows in a rebuild.
    const dirPrefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    const shownPrefix = shownDir === "" || shownDir.endsWith(path.sep) ? shownDir : shownDir + path.sep;
    // Plain files need only their names; folders, links and unknown types keep their entry. The
    // names sort natively: a comparator over 10,000 entries, on a fresh process's cold code, was a
    // sixth of a build that finds nothing changed.
    const names: string[] = [];
    const others = new Map<string, Dirent>();
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      names.push(entry.name);
      if (!entry.isFile()) others.set(entry.name, entry);
    }
    for (const name of names.sort()) {
      const entry = others.get(name);
      // A plain file that is not a post is not even stat'ed.
      if (entry === undefined && !isPostName(name)) {
        ignored++;
        continue;
      }
      const full = dirPrefix + name;
      let stats: FileFacts;
      try {
        stats = fileFacts(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message = code === "ENOENT" || code === "ELOOP" ? "broken or looping symlink" : `cannot read: ${errnoText(error)}`;
        problems.push(problem("warning", "unreadable", displayPath(full), message));
        continue;
      }
      const id = prefix + name;
      if (stats.kind === "folder") {
        const draftFolder = DRAFT_FOLDERS.has(name);
        if (draftFolder && !drafts) continue;
        walk(full, `${id}/`, inDrafts || draftFolder);
      } else if (stats.kind === "file" && isPostName(name)) {
        const file: SourceFile = { id, path: full, display: shownPrefix + name, size: stats.size, mtimeMs: stats.mtimeMs, inDrafts };
        files.push(file);
        if (entry?.isSymbolicLink()) links.set(file, realpathSync(full));
      } else {
        ignored++;
      }
    }
  };

  walk(paths.posts, "", false);
  if (drafts) {
    for (const name of DRAFT_FOLDERS) {
      const dir = path.join(paths.root, name);
      if (dir !== paths.posts && statIsDirectory(dir)) walk(dir, `${name}/`, true);
    }
  }
  // Usually sorted already (one flat folder, or folders whose names sort like their ids).
  if (!isSortedById(files)) files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { files: readOnce(files, links, problems), problems, ignored };
}

/**
 * Drops second names of a file: a symlink to a post that is also read under its own name (or
 * through an earlier symlink) would otherwise publish it twice. The file's own name wins.
 */
function readOnce(files: SourceFile[], links: ReadonlyMap<SourceFile, string>, problems: Problem[]): SourceFile[] {
  if (links.size === 0) return files;
  const targets = new Set(links.values());
  const realFolders = new Map<string, string>();
  const owners = new Map<string, SourceFile>();
  for (const file of files) {
    if (links.has(file)) continue;
    const dir = path.dirname(file.path);
    let realDir = realFolders.get(dir);
    if (realDir === undefined) realFolders.set(dir, (realDir = realpathSync(dir)));
    const real = path.join(realDir, path.basename(file.path));
    if (targets.has(real)) owners.set(real, file);
  }
  return files.filter((file) => {
    const real = links.get(file);
    if (real === undefined) return true;
    const owner = owners.get(real);
    if (!owner) {
      owners.set(real, file);
      return true;
    }
    problems.push(problem("warning", "duplicate", file.display, `the same file as ${owner.display} (a symlink); read once`));
    return false;
  });
}

/** An errno as words: `permission denied` rather than EACCES. */
function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EIO") return "input/output error";
  return code ?? String(error);
}

function isSortedById(files: readonly SourceFile[]): boolean {
  for (let i = 1; i < files.length; i++) if (files[i - 1]!.id > files[i]!.id) return false;
  return true;
}

function statIsDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
