// Posts → categories and tags: each distinct value becomes a term with a unique slug, its display
// name from the registry, and its posts newest first.

import type { Problem } from "../errors.js";
import type { SiteConfig, Term, TermInfo } from "../types.js";
import { fillPattern, normalizeUrl } from "./permalink.js";
import { termSlug } from "./slug.js";

/** Terms of one kind, and for each post the indices of its terms. */
export interface Taxonomy {
  readonly terms: Term[];
  readonly byPost: number[][];
  readonly problems: Problem[];
}

/**
 * Collects the terms of one kind from posts (already sorted newest first). Slugs are made distinct
 * deterministically: values are sorted, the first keeps the plain slug, later ones get `-2`, `-3`.
 */
export function collectTerms(kind: "category" | "tag", valuesByPost: readonly (readonly string[])[], config: SiteConfig, sources: readonly string[] = []): Taxonomy {
  const members = new Map<string, number[]>();
  const byName: string[][] = valuesByPost.map(() => []);
  valuesByPost.forEach((values, index) => {
    for (const value of values) {
      let list = members.get(value);
      if (!list) members.set(value, (list = []));
      list.push(index);
      byName[index]!.push(value);
    }
  });
  const registry = kind === "category" ? config.categories : config.tags;
  const pattern = kind === "category" ? config.permalinks.category : config.permalinks.tag;
  const names = [...members.keys()].sort();
  const taken = new Map<string, string>();
  const folded = new Map<string, string>();
  const problems: Problem[] = [];
  const indexOf = new Map<string, number>();
  const terms: Term[] = names.map((name, index) => {
    const base = termSlug(name);
    let slug = base;
    // `index` is the index page of all terms (`/category/index.html`), in any case.
    for (let n = 2; taken.has(slug) || slug.toLowerCase() === "index"; n++) slug = `${base}-${n}`;
    taken.set(slug, name);
    const other = folded.get(slug.toLowerCase());
    if (other !== undefined) {
      // Named by a post that uses each spelling, so the message points at files to fix.
      const usedIn = (term: string): string | undefined => sources[members.get(term)![0]!];
      const otherFile = usedIn(other);
      problems.push({
        severity: "warning",
        code: "case-collision",
        file: usedIn(name),
        message: `${kind} "${name}" and "${other}"${otherFile ? ` (${otherFile})` : ""} get URLs that differ only in case; they collide on case-insensitive file systems (macOS, Windows)`,
        hint: `use one spelling, or give one a different slug in site.yml`,
      });
    } else folded.set(slug.toLowerCase(), name);
    const info: TermInfo | undefined = entryOf(registry, name) ?? entryOf(registry, slug);
    indexOf.set(name, index);
    return {
      kind,
      name,
      title: info?.name ?? name,
      ...(info?.description ? { description: info.description } : {}),
      slug,
      url: normalizeUrl(fillPattern(pattern, { slug, name: slug })),
      posts: members.get(name)!,
    };
  });
  return { terms, byPost: byName.map((list) => list.map((name) => indexOf.get(name)!)), problems };
}

/** A registry entry by a term's name or slug: own keys only (a category called `constructor` is not Object's). */
const entryOf = (registry: Readonly<Record<string, TermInfo>>, key: string): TermInfo | undefined => (Object.hasOwn(registry, key) ? registry[key] : undefined);

/** One warning naming every category that is not in a non-empty registry (listed once, not per post). */
export function unregisteredWarning(terms: readonly Term[], registry: Readonly<Record<string, TermInfo>>, kind: string): Problem | undefined {
  if (Object.keys(registry).length === 0) return undefined;
  const missing = terms.filter((term) => !Object.hasOwn(registry, term.name) && !Object.hasOwn(registry, term.slug)).map((term) => term.name);
  if (missing.length === 0) return undefined;
  const shown = missing.slice(0, 20).join(", ") + (missing.length > 20 ? `, … (${missing.length} in all)` : "");
  return {
    severity: "warning",
    code: "unregistered-term",
    message: `${missing.length} ${kind === "category" ? "categories are" : "tags are"} not in site.yml and are shown by their slug: ${shown}`,
    hint: `add them under ${kind === "category" ? "categories" : "tags"}: in site.yml (slug: Display name)`,
  };
}
