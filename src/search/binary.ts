// Finds Pagefind's extended binary (the one that segments Chinese) before the first index is made:
// the npm package's own lookup only fails once the process is dead, printing stack traces on the way.

import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { arch } from "node:os";

/** Why Pagefind cannot run here, or undefined when its binary is in place. Looks where the package looks. */
export function missingBinary(): string | undefined {
  const chosen = process.env.PAGEFIND_EXTENDED_BINARY_PATH ?? process.env.PAGEFIND_BINARY_PATH;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@pagefind/${platform}-${process.env.npm_config_arch || arch()}`;
  let binary: string;
  try {
    binary = chosen ?? createRequire(import.meta.resolve("pagefind")).resolve(`${name}/bin/pagefind_extended${platform === "windows" ? ".exe" : ""}`);
  } catch {
    return `the package ${name} (Pagefind's binary for this platform) is not installed`;
  }
  try {
    accessSync(binary, constants.X_OK);
    return undefined;
  } catch {
    return `${binary} cannot be run`;
  }
}
