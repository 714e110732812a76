// Templates compiled once and kept. Nunjucks compiles a template's source to JavaScript on first use,
// in every thread of every build: ~30 ms for the theme, cold, which was a tenth of a rebuild after an
// edit. The code is a function of the source, its path, Nunjucks' version and the environment's
// options only, so it is kept in the cache folder and handed to the render threads with the sources.
// Compiling is also the syntax check: a template that does not compile stops the build here.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import nunjucks from "nunjucks";
import { writeFileAtomically } from "../cache/store.js";
import type { SiteConfig } from "../types.js";
import { createEnvironment, templateError } from "./environment.js";
import { setLoopVariablesAtOnce } from "./loop-variables.js";
import type { TemplateFile, TemplateSet } from "./templates.js";

const NUNJUCKS_VERSION = (createRequire(import.meta.url)("nunjucks/package.json") as { version: string }).version;
const FILE = "templates.json";
/** Bumped when what is done to Nunjucks' code changes (loop-variables.ts): older stored code is compiled again. */
const CODE_VERSION = 1;

/** Code compiled in this process, by key: a long-lived builder compiles an unchanged template once. */
const compiledHere = new Map<string, string>();

interface Compiler {
  compile(source: string, asyncFilters: unknown, extensions: unknown, name: string, options: unknown): string;
}

/**
 * The templates with each one's compiled code: from this process, from the cache folder, or compiled
 * now. Throws the BuildError of the first template that does not compile.
 */
export function compileTemplates(templates: TemplateSet, config: SiteConfig, cacheDir: string | undefined): TemplateSet {
  const env = createEnvironment(templates, config) as unknown as { asyncFilters: unknown; extensionsList: unknown; opts: unknown };
  const keyOf = (file: TemplateFile): string => createHash("sha1").update(JSON.stringify([NUNJUCKS_VERSION, CODE_VERSION, env.opts, file.path, file.source])).digest("base64url");
  const keys = new Map([...templates.files.values()].map((file) => [file.name, keyOf(file)]));
  const stored = cacheDir ? readStored(cacheDir) : {};
  let unstored = false;
  const files = new Map<string, TemplateFile>();
  for (const file of templates.files.values()) {
    const key = keys.get(file.name)!;
    let code = usable(stored[key]);
    if (code === undefined) {
      unstored = true;
      code = compiledHere.get(key) ?? compile(file, templates, env);
    }
    compiledHere.set(key, code);
    files.set(file.name, { ...file, code });
  }
  if (cacheDir && unstored) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileAtomically(cacheDir, FILE, JSON.stringify(Object.fromEntries([...files.values()].map((file) => [keys.get(file.name)!, file.code!]))));
    } catch {
      // An unwritable cache costs the next build the compiling, nothing else.
    }
  }
  return { ...templates, files };
}

function compile(file: TemplateFile, templates: TemplateSet, env: { asyncFilters: unknown; extensionsList: unknown; opts: unknown }): string {
  try {
    return setLoopVariablesAtOnce((nunjucks as unknown as { compiler: Compiler }).compiler.compile(file.source, env.asyncFilters, env.extensionsList, file.path, env.opts));
  } catch {
    // Through the environment, for the message with the template's path, line and column.
    try {
      (env as unknown as nunjucks.Environment).getTemplate(file.name, true);
    } catch (error) {
      throw templateError(error, templates, file.name);
    }
    throw new Error(`template ${file.name} failed to compile`);
  }
}

/** Stored code that parses as a function body (a damaged cache file is compiled afresh, never run). */
function usable(code: unknown): string | undefined {
  if (typeof code !== "string") return undefined;
  try {
    new Function(code);
    return code;
  } catch {
    return undefined;
  }
}

function readStored(cacheDir: string): Record<string, string> {
  try {
    const stored = JSON.parse(readFileSync(path.join(cacheDir, FILE), "utf8")) as unknown;
    return stored && typeof stored === "object" ? (stored as Record<string, string>) : {};
  } catch {
    return {};
  }
}
