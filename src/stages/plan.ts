// Which outputs a build must produce: everything (a full build into a staging folder) or only the
// files whose signatures changed since the last build into this folder (a patch).

import { everySignature, signatureFinder, wholeSignatures, withChanges, type Signatures } from "../cache/signatures.js";
import type { OutputManifest } from "../cache/store.js";
import type { Route } from "../routes/types.js";
import type { PublicFile } from "../write/public.js";

/** Signature recorded for outputs rendered on every build (compared by bytes instead). */
export const ALWAYS = "*";

/** What to produce and what to remove. */
export interface OutputPlan {
  readonly mode: "full" | "patch";
  readonly render: readonly Route[];
  /** Output files whose inputs changed since the last build (all of them without a manifest). */
  readonly stale: ReadonlySet<string>;
  readonly copy: readonly PublicFile[];
  /** Files of the last build that no longer belong to the site. */
  readonly remove: readonly string[];
  /** The manifest's signatures after this build: every output file → signature. */
  readonly signatures: Signatures;
}

/**
 * Compares this build's signatures with the manifest of the last build into the same folder; `copyable` are
 * the static files no generated page hides.
 * Without a usable manifest, or when most pages changed anyway, everything is produced.
 */
export function planOutput(routes: readonly Route[], signatures: readonly (string | undefined)[], copyable: readonly PublicFile[], manifest: OutputManifest | undefined): OutputPlan {
  const files: Record<string, string> = {};
  routes.forEach((route, i) => {
    files[route.file] = signatures[i] ?? ALWAYS;
  });
  for (const file of copyable) files[file.file] = file.signature;

  const signed = wholeSignatures(files);
  if (!manifest) return { mode: "full", render: routes, stale: new Set(Object.keys(files)), copy: copyable, remove: [], signatures: signed };
  const previous = everySignature(manifest.signatures);
  // Files of the last build that no longer belong (a full build drops them too: listed for the summary).
  const remove = Object.keys(previous).filter((file) => !(file in files));
  const render = routes.filter((route, i) => signatures[i] === undefined || previous[route.file] !== signatures[i]);
  const copy = copyable.filter((file) => previous[file.file] !== file.signature);
  const stale = new Set([...render.map((route) => route.file), ...copy.map((file) => file.file)]);
  // Whether most of the site changed is judged on posts, listings and feeds (the few index and sitemap
  // pages change with any post), so a small site's edit stays a patch.
  const changed = render.filter((route) => previous[route.file] !== ALWAYS && (route.kind === "post" || route.kind === "list" || route.kind === "feed")).length;
  if (changed > routes.length / 2) return { mode: "full", render: routes, stale, copy: copyable, remove, signatures: signed };
  return { mode: "patch", render, stale, copy, remove, signatures: signed };
}

/**
 * The plan of a rebuild after edits that kept the site's shape (stages/reuse.ts): the last build's
 * files, of which only `routes` (those showing an edited post, and those rendered every time) may
 * have changed; each is rendered when its signature did.
 */
export function planEdit(routes: readonly Route[], signatures: readonly (string | undefined)[], manifest: OutputManifest): OutputPlan {
  const previous = signatureFinder(manifest.signatures);
  const changes: Record<string, string> = {};
  const render = routes.filter((route, i) => {
    const signature = signatures[i] ?? ALWAYS;
    if (previous(route.file) !== signature) changes[route.file] = signature;
    return signatures[i] === undefined || changes[route.file] !== undefined;
  });
  return { mode: "patch", render, stale: new Set(render.map((route) => route.file)), copy: [], remove: [], signatures: withChanges(manifest.signatures, changes) };
}
