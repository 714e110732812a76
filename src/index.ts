// broadsheet as a library: `import { build } from "broadsheet"` runs the same build as the CLI.

export { build, createBuilder, type Builder } from "./build.js";
export { BuildError } from "./errors.js";
export type { Problem, Severity } from "./errors.js";
export { createSearchRefresher, refreshSearchIndex, type SearchRefresher } from "./search/refresh.js";
export type { BuildOptions, BuildSummary, SearchJob, SiteConfig } from "./types.js";
export { VERSION } from "./version.js";
