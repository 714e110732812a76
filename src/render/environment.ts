// The one Nunjucks environment a build renders through: autoescape on, undefined values are errors
// (that is what gives their line numbers), and the filters templates use for links and JSON-LD.

import nunjucks from "nunjucks";
import { displayPath } from "../config/load.js";
import { BuildError } from "../errors.js";
import type { SiteConfig } from "../types.js";
import { scriptJson } from "./escape.js";
import "./nunjucks-frame.js";
import { absoluteUrl, href } from "./format.js";
import { wrapTables } from "./tables.js";
import type { TemplateSet } from "./templates.js";

/** A loader over the build's template set (so every worker renders exactly the files the main thread hashed). */
class SetLoader extends nunjucks.Loader {
  constructor(private readonly set: TemplateSet) {
    super();
  }
  getSource(name: string): nunjucks.LoaderSource {
    const file = this.set.files.get(name);
    if (!file) throw new Error(`template not found: ${name}`);
    return { src: file.source, path: file.path, noCache: false };
  }
}

/** Creates the environment for one site. */
export function createEnvironment(templates: TemplateSet, config: SiteConfig): nunjucks.Environment {
  const env = new nunjucks.Environment(new SetLoader(templates) as unknown as nunjucks.ILoader, {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter("url", (value: string) => href(config, String(value)));
  env.addFilter("absolute_url", (value: string) => absoluteUrl(config, String(value)));
  env.addFilter("jsonld", (value: unknown) => new nunjucks.runtime.SafeString(scriptJson(value)));
  env.addFilter("scroll_tables", (html: unknown, label: string) => new nunjucks.runtime.SafeString(wrapTables(String(html), String(label))));
  return env;
}

/**
 * Turns a Nunjucks error into a BuildError naming the template file, line and column. Nunjucks
 * chains a "Template render error" line per template level; the last position is where it failed.
 */
export function templateError(error: unknown, templates: TemplateSet, fallback: string): BuildError {
  const message = error instanceof Error ? error.message : String(error);
  const positions = [...message.matchAll(/\(([^()]*)\)\s*\[Line (\d+), Column (\d+)\]/g)];
  const position = positions[positions.length - 1];
  const named = position?.[1] && position[1] !== "unknown path" ? position[1] : (templates.files.get(fallback)?.path ?? fallback);
  const detail = message
    .split("\n")
    .map((line) => line.trim().replace(/^\([^()]*\)\s*(\[Line \d+, Column \d+\])?\s*/, ""))
    .filter((line) => line && !line.startsWith("Template render error") && !line.startsWith("at "))
    .join(" ")
    .replace(/^Error:\s*/, "");
  return new BuildError(
    {
      code: "template",
      file: displayPath(named),
      line: position ? Number(position[2]) : undefined,
      column: position ? Number(position[3]) : undefined,
      message: detail || message,
      hint: /null or undefined|undefined or null/.test(message)
        ? "the template outputs a value that does not exist: check its name, or guard it with {% if %}"
        : "fix the template; the previous output is left as it was",
    },
    { cause: error },
  );
}

/** Compiles every template once, so a syntax error stops the build before anything is written. */
export function checkTemplates(env: nunjucks.Environment, templates: TemplateSet): void {
  for (const name of templates.files.keys()) {
    try {
      env.getTemplate(name, true);
    } catch (error) {
      throw templateError(error, templates, name);
    }
  }
}
