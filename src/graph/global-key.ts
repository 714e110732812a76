// The key of the site-wide inputs every page shares. Its own module: a build that finds nothing
// changed computes keys with it, and must not load the signature graph (and the model it imports).

import { createHash } from "node:crypto";

/** Site-wide inputs every page shares (site view, configuration, broadsheet's version). */
export function globalKey(parts: readonly unknown[]): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("base64url").slice(0, 20);
}
