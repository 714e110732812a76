// Categories and tags the registry does not know, and the registered ones closest in spelling: what
// `check` reports per term and what `new` warns about. Pure.

import type { Site, Term, TermInfo } from "../types.js";

/** Levenshtein distance between two texts, counted in characters (a Chinese character is one). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** Whether a value is in a registry, by the value itself or by the slug of its page. */
export const isRegistered = (registry: Readonly<Record<string, TermInfo>>, value: string, slug = value): boolean =>
  Object.hasOwn(registry, value) || Object.hasOwn(registry, slug);

/** How far a registered key or name is from what was typed: its edit distance, or less than one when one holds the other. */
function remoteness(wanted: string, known: string): number {
  const other = known.toLowerCase();
  if (wanted.length >= 2 && (other.includes(wanted) || wanted.includes(other))) return 0.5;
  return editDistance(wanted, other);
}

/**
 * The registered terms close in spelling to a value, nearest first, as `slug (Name)`: close means
 * within a third of its length in edits (at least one), to the key or to the display name (someone
 * may type the name), case ignored. Empty when nothing registered is close.
 */
export function closestTerms(value: string, registry: Readonly<Record<string, TermInfo>>, count = 3): string[] {
  const wanted = value.toLowerCase();
  const limit = Math.max(1, Math.floor([...wanted].length / 3));
  return Object.entries(registry)
    .map(([key, info]) => ({ key, info, distance: Math.min(remoteness(wanted, key), remoteness(wanted, info.name)) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, count)
    .map(({ key, info }) => (info.name === key ? key : `${key} (${info.name})`));
}

/** `; closest: a (A), b` or a note that nothing registered is close. */
export const closestNote = (closest: readonly string[]): string =>
  closest.length > 0 ? `; closest: ${closest.join(", ")}` : "; nothing registered is close in spelling";

/** A term a registry lacks, with the newest post that uses it (the one most likely just written). */
export interface UnknownTerm {
  readonly kind: "category" | "tag";
  readonly name: string;
  readonly uses: number;
  /** The newest post's source file. */
  readonly source: string;
  /** Undefined when not worked out (past the first SUGGESTED unknown terms). */
  readonly closest?: readonly string[];
}

/** Suggestions are worked out for this many unknown terms at most: each costs a pass over the registry. */
const SUGGESTED = 200;

/** Every category and tag of a site missing from a non-empty registry (an empty one means the site keeps none). */
export function unknownTerms(site: Site): UnknownTerm[] {
  let suggested = 0;
  const missing = (kind: "category" | "tag", terms: readonly Term[], registry: Readonly<Record<string, TermInfo>>): UnknownTerm[] => {
    if (Object.keys(registry).length === 0) return [];
    return terms
      .filter((term) => !isRegistered(registry, term.name, term.slug) && term.posts.length > 0)
      .map((term) => ({ kind, name: term.name, uses: term.posts.length, source: site.posts[term.posts[0]!]!.post.source, closest: suggested++ < SUGGESTED ? closestTerms(term.name, registry) : undefined }));
  };
  return [...missing("category", site.categories, site.config.categories), ...missing("tag", site.tags, site.config.tags)];
}
