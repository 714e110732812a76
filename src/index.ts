// broadsheet as a library: `import { build } from "broadsheet"` runs the same build as the CLI.

export { build, createBuilder, type Builder } from "./build.js";
export { BuildError } from "./errors.js";
export type { Problem, Severity } from "./errors.js";
export type { BuildOptions, BuildSummary, SiteConfig } from "./types.js";
export { VERSION } from "./version.js";
