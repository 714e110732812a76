// The theme's templates as data: which files exist (site first, then bundled), what each one pulls
// in through extends/include/import, and a hash of each template with everything it depends on, so a
// template change re-renders exactly the pages that use it.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Problem } from "../errors.js";
import { walkFiles } from "../walk.js";

/** One template file that wins for its name. */
export interface TemplateFile {
  readonly name: string;
  readonly path: string;
  readonly source: string;
  /** Its source compiled to JavaScript (render/compiled.ts), when done. */
  readonly code?: string;
}

/** The templates of a build, by name, with a dependency hash for each. */
export interface TemplateSet {
  readonly files: ReadonlyMap<string, TemplateFile>;
  /** Hash of a template and every template it reaches (extends, include, import, from). */
  readonly hashes: ReadonlyMap<string, string>;
}

const REFERENCE = /\{%-?\s*(?:extends|include|import|from)\s+(["'])([^"']+)\1/g;
const DYNAMIC = /\{%-?\s*(?:extends|include|import|from)\s+[^"'\s]/;

/** The templates read from the theme folders, and the links among them that led nowhere. */
export interface TemplateFolders extends TemplateSet {
  readonly problems: readonly Problem[];
}

/** Reads every `.njk`/`.html` template from the folders, the first folder winning for a name. */
export function readTemplates(dirs: readonly string[]): TemplateFolders {
  const files = new Map<string, TemplateFile>();
  const problems: Problem[] = [];
  for (const dir of dirs) {
    const found = walkFiles(dir, (name) => name.startsWith("."));
    problems.push(...found.problems);
    for (const { name, path } of found.files) {
      if (!/\.(njk|html|xml|nunjucks)$/.test(name) || files.has(name)) continue;
      files.set(name, { name, path, source: readFileSync(path, "utf8") });
    }
  }
  return { files, hashes: dependencyHashes(files), problems };
}

/** Names a template refers to; `*` when it refers to one by a computed name. */
export function templateReferences(source: string): string[] {
  const names = [...source.matchAll(REFERENCE)].map((match) => match[2]!);
  return DYNAMIC.test(source) ? [...names, "*"] : names;
}

function dependencyHashes(files: ReadonlyMap<string, TemplateFile>): Map<string, string> {
  const everything = createHash("sha1");
  for (const file of files.values()) everything.update(`${file.name}\0${file.source}\0`);
  const all = everything.digest("base64url");
  const hashes = new Map<string, string>();
  for (const name of files.keys()) {
    const reached = new Set<string>();
    const queue = [name];
    let dynamic = false;
    while (queue.length) {
      const current = queue.pop()!;
      if (reached.has(current)) continue;
      reached.add(current);
      for (const ref of templateReferences(files.get(current)?.source ?? "")) {
        if (ref === "*") dynamic = true;
        else queue.push(ref);
      }
    }
    if (dynamic) {
      hashes.set(name, all);
      continue;
    }
    const hash = createHash("sha1");
    for (const dep of [...reached].sort()) hash.update(`${dep}\0${files.get(dep)?.source ?? "(missing)"}\0`);
    hashes.set(name, hash.digest("base64url"));
  }
  return hashes;
}
