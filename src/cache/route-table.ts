// A build's routes as the model snapshot keeps them: each route's JSON, end to end in one UTF-8
// buffer, with where each starts, and which routes show each post. A rebuild after an edit decodes
// only the routes that show an edited post and those rendered every time, a few dozen of 20,000 at
// 10,000 posts; deserializing them all was half of loading the snapshot, and its garbage collection
// more. Bytes, not a string: v8.deserialize hands a buffer back as a view of the file it read, where
// a string (two bytes a character, once one tag is Chinese) is copied: 8 MB and ~7 ms at 10,000 posts.

import { shownPosts } from "../graph/signature.js";
import type { Route } from "../routes/types.js";
import type { Site } from "../types.js";

/** The stored form (plain data and typed arrays, as v8.serialize keeps them). */
export interface RouteTable {
  /** Every route's JSON, one after another, in UTF-8. */
  readonly json: Buffer;
  /** Where route i's JSON starts in `json`, in bytes (and, at i + 1, ends). */
  readonly starts: Int32Array;
  /** The routes that show post p: `showing[showStarts[p]]` up to `showing[showStarts[p + 1]]`. */
  readonly showStarts: Int32Array;
  readonly showing: Int32Array;
  /** The routes with no signature, rendered on every build (404, search, news sitemap, robots.txt). */
  readonly always: Int32Array;
}

/** A route as JSON: a listing's or feed's posts are a typed array in memory and a plain array in JSON. */
const toJson = (route: Route): string => JSON.stringify("items" in route ? { ...route, items: Array.from(route.items) } : route);

/** The table of a build's routes, given their signatures (undefined: rendered every time). */
export function routeTable(routes: readonly Route[], site: Site, signatures: readonly (string | undefined)[]): RouteTable {
  const starts = new Int32Array(routes.length + 1);
  const parts: string[] = [];
  let length = 0;
  const counts = new Int32Array(site.posts.length + 1);
  const always: number[] = [];
  routes.forEach((route, i) => {
    const json = toJson(route);
    starts[i] = length;
    length += Buffer.byteLength(json);
    parts.push(json);
    if (signatures[i] === undefined) always.push(i);
    forShown(route, site, (post) => counts[post + 1]!++);
  });
  starts[routes.length] = length;
  // Counting first, then filling: one typed array for all the lists, not an array per post.
  for (let p = 1; p < counts.length; p++) counts[p]! += counts[p - 1]!;
  const showStarts = counts.slice();
  const showing = new Int32Array(counts[site.posts.length]!);
  routes.forEach((route, i) => forShown(route, site, (post) => (showing[counts[post]!++] = i)));
  return { json: Buffer.from(parts.join("")), starts, showStarts, showing, always: Int32Array.from(always) };
}

/** Route i, decoded. */
function routeAt(table: RouteTable, i: number): Route {
  const route = JSON.parse(table.json.toString("utf8", table.starts[i], table.starts[i + 1])) as Route & { items?: number[] };
  return route.items ? ({ ...route, items: Int32Array.from(route.items) } as Route) : route;
}

/** The routes that show any of the posts, and those rendered every time, in route order. */
export function routesFor(table: RouteTable, posts: Iterable<number>): Route[] {
  const wanted = new Set<number>(table.always);
  for (const post of posts) {
    for (let n = table.showStarts[post]!; n < table.showStarts[post + 1]!; n++) wanted.add(table.showing[n]!);
  }
  return [...wanted].sort((a, b) => a - b).map((i) => routeAt(table, i));
}

/** Every route, decoded. */
export function everyRoute(table: RouteTable): Route[] {
  return Array.from({ length: table.starts.length - 1 }, (_, i) => routeAt(table, i));
}

/** Whether a deserialized value holds a route table (the buffer made a Buffer again if it came back a plain Uint8Array). */
export function readRouteTable(value: unknown): RouteTable | undefined {
  const table = value as RouteTable | undefined;
  if (!(table?.json instanceof Uint8Array) || !(table.starts instanceof Int32Array) || !(table.showStarts instanceof Int32Array) || !(table.showing instanceof Int32Array) || !(table.always instanceof Int32Array)) return undefined;
  const json: Uint8Array = table.json;
  return Buffer.isBuffer(json) ? table : { ...table, json: Buffer.from(json.buffer, json.byteOffset, json.byteLength) };
}

/** Calls `each` once for every post a route shows (a post page may show one twice, as neighbour and related). */
function forShown(route: Route, site: Site, each: (post: number) => void): void {
  const shown = shownPosts(route, site);
  if (!shown) return;
  for (let n = 0; n < shown.length; n++) {
    const post = shown[n];
    if (post === undefined) continue;
    let repeated = false;
    // A listing's posts are distinct; a post page shows at most ten, where a scan is cheaper than a Set.
    if (route.kind === "post") for (let m = 0; m < n && !repeated; m++) repeated = shown[m] === post;
    if (!repeated) each(post);
  }
}
