// gray-matter, loaded without the YAML library it brings. Its default engine (js-yaml 3, which loads
// esprima too) is never used: every call passes ours (front-matter.ts). Loading it was ~45 ms of
// every thread that parses, a twentieth of a rebuild after one edit. A stand-in takes its place in
// require's cache; it refuses to run, so a call that forgot our engine fails loudly rather than
// reading YAML by other rules.

import { createRequire, Module } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const entry = require.resolve("gray-matter");
const own = path.join(path.dirname(entry), "node_modules") + path.sep;
const bundled = require.resolve("js-yaml", { paths: [path.dirname(entry)] });
// Only gray-matter's own copy: a js-yaml shared with other packages is left to them.
if (bundled.startsWith(own) && !(bundled in require.cache)) {
  const standIn = new Module(bundled);
  const refuse = (): never => {
    throw new Error("gray-matter's own YAML engine is not loaded: pass broadsheet's (parse/front-matter.ts)");
  };
  standIn.filename = bundled;
  standIn.loaded = true;
  standIn.exports = { safeLoad: refuse, safeDump: refuse, load: refuse, dump: refuse };
  require.cache[bundled] = standIn;
}

/** gray-matter's main function. */
export const matter = require("gray-matter") as typeof import("gray-matter");
