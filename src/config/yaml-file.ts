// A configuration file's YAML (site.yml, a Jekyll _config.yml), read with the core schema; a syntax
// error becomes a BuildError at its line and column.

import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { BuildError } from "../errors.js";

/** A config file's text (BOM dropped) and its parsed value. `shown` is the path messages print. */
export function readYamlFile(file: string, shown: string): { source: string; raw: unknown } {
  let source: string;
  try {
    source = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EISDIR" ? "is a folder, not a file" : code === "EACCES" || code === "EPERM" ? "cannot be read: permission denied" : `cannot be read (${code ?? String(error)})`;
    throw new BuildError({ code: "config", file: shown, message: `${path.basename(file)} ${why}`, hint: `make ${path.basename(file)} a YAML file of settings, or remove it to use the defaults` }, { cause: error });
  }
  try {
    return { source, raw: yaml.load(source, { schema: yaml.CORE_SCHEMA, filename: file }) };
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    throw new BuildError(
      {
        code: "config",
        file: shown,
        line: mark ? mark.line + 1 : undefined,
        column: mark ? mark.column + 1 : undefined,
        message: `${path.basename(file)} is not valid YAML: ${(error as { reason?: string }).reason ?? String(error)}`,
        hint: "check the indentation and quoting on that line",
      },
      { cause: error },
    );
  }
}
