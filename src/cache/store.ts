// The persistent build cache: parsed posts keyed by file and content, and what the last build wrote
// to an output folder (each file's signature), so the next build redoes only what changed. Anything
// unreadable or from another version of broadsheet is discarded with a note, never trusted.

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Problem } from "../errors.js";
import type { LeftOut, Post } from "../types.js";
import { readSignatures, signatureLines, type Signatures } from "./signatures.js";

/** A parsed post with the file facts it was parsed from. */
export interface CachedPost {
  readonly size: number;
  readonly mtimeMs: number;
  readonly post: Post;
}

/** What a build wrote into one output folder. */
export interface OutputManifest {
  readonly out: string;
  /** The output folder's inode when written: a deleted and recreated folder is not trusted. */
  readonly ino: number;
  /** Output file → signature of what it was rendered from (cache/signatures.ts). */
  readonly signatures: Signatures;
  /** Hash of every input of the build (see stages/unchanged.ts), and until when its output stays right. */
  readonly inputs?: string;
  readonly validUntil?: number;
  /** Which post files the build read (see sourcesKey). */
  readonly sources?: string;
  /** The build's summary, reported again when nothing changed. */
  readonly summary?: ManifestSummary;
}

/** What a build that changes nothing reports: the last real build's counts and problems. */
export interface ManifestSummary {
  readonly posts: number;
  readonly pages: Readonly<Record<string, number>>;
  readonly problems: readonly Problem[];
  readonly skipped: readonly Problem[];
  /**
   * How many of `problems` and `skipped`, from the start, the model stage found: the rest came from
   * rendering and the search index, which every build that renders finds afresh.
   */
  readonly fromModel: { readonly problems: number; readonly skipped: number };
  readonly leftOut: LeftOut;
}

/** The cache as a build uses it: in memory, loaded once, saved at the end. */
export interface CacheState {
  /** Hash of the parse settings the posts were parsed with. */
  parseKey: string;
  posts: Map<string, CachedPost>;
  outputs: Map<string, OutputManifest>;
  /** Chunk files whose posts changed since they were written (see chunkOf). */
  dirty: Set<number>;
}

/**
 * Posts are kept in this many files, each post in the one its id hashes to, so that a rebuild after
 * an edit rewrites one small file, not every post (at 100,000 posts that was 100 MB, half a second).
 */
const CHUNKS = 64;

/** The chunk file a post is kept in (FNV-1a of its id: cheap enough to work out for every post on each save). */
export function chunkOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % CHUNKS;
}

const everyChunk = (): Set<number> => new Set(Array.from({ length: CHUNKS }, (_, i) => i));

/** An empty cache for the given parse settings (every chunk file to be written). */
export const emptyCache = (parseKey: string): CacheState => ({ parseKey, posts: new Map(), outputs: new Map(), dirty: everyChunk() });

/** Records a parsed post. */
export function setPost(state: CacheState, id: string, entry: CachedPost): void {
  state.posts.set(id, entry);
  state.dirty.add(chunkOf(id));
}

/** Forgets a post (its file is gone or no longer parses). */
export function deletePost(state: CacheState, id: string): void {
  if (state.posts.delete(id)) state.dirty.add(chunkOf(id));
}

/** A short name for an output folder, in the names of the cache files that describe it. */
export const outputTag = (out: string): string => createHash("sha1").update(out).digest("hex").slice(0, 12);

const outputFile = (out: string): string => `output-${outputTag(out)}.json`;

/**
 * Reads the cache folder: the parsed posts, and what the last build wrote into `out`. Returns the
 * state and a note when something was discarded. Without `withPosts` only the output manifest is
 * read (enough to see that nothing changed).
 */
export function loadCache(dir: string, version: string, parseKey: string, out: string, withPosts = true): { state: CacheState; note?: string } {
  let meta: { version?: string; parseKey?: string; chunks?: number };
  try {
    meta = JSON.parse(readFileSync(path.join(dir, "meta.json"), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: emptyCache(parseKey) };
    return { state: emptyCache(parseKey), note: "the build cache was unreadable and was discarded" };
  }
  if (meta.version !== version) return { state: emptyCache(parseKey), note: "the build cache is from another version of broadsheet and was discarded" };
  const state = emptyCache(parseKey);
  try {
    if (withPosts && meta.parseKey === parseKey) {
      if (meta.chunks !== CHUNKS) throw new Error("another layout");
      state.dirty.clear();
      readChunks(dir, state, everyChunk());
    }
    const manifest = readManifest(dir, out);
    if (manifest) state.outputs.set(manifest.out, manifest);
  } catch {
    return { state: emptyCache(parseKey), note: "the build cache was corrupted and was discarded" };
  }
  return { state };
}

/**
 * Reads the posts of some chunk files only, into a state loaded without posts and not yet changed
 * (an edit's rebuild needs the edited posts' last versions, not every post): the chunk files on disk
 * stay as they are but for those whose posts change. False when the cache has none to give.
 */
export function loadPostChunks(dir: string, version: string, state: CacheState, chunks: ReadonlySet<number>): boolean {
  try {
    const meta = JSON.parse(readFileSync(path.join(dir, "meta.json"), "utf8")) as { version?: string; parseKey?: string; chunks?: number };
    if (meta.version !== version || meta.parseKey !== state.parseKey || meta.chunks !== CHUNKS) return false;
    state.dirty.clear();
    readChunks(dir, state, chunks);
    return true;
  } catch {
    return false;
  }
}

/**
 * The chunks' posts into the state; throws on anything malformed. A chunk written under other parse
 * settings holds nothing for this build: builds into different folders share the root's cache, and
 * one with another base URL may have written it since meta.json was read.
 */
function readChunks(dir: string, state: CacheState, chunks: Iterable<number>): void {
  for (const i of chunks) {
    const chunk = JSON.parse(readFileSync(path.join(dir, `posts-${i}.json`), "utf8")) as { parseKey: string; posts: [string, CachedPost][] };
    if (typeof chunk?.parseKey !== "string" || !Array.isArray(chunk.posts)) throw new Error("bad chunk");
    if (chunk.parseKey !== state.parseKey) {
      state.dirty.add(i); // rewritten with this build's posts
      continue;
    }
    for (const [id, entry] of chunk.posts) {
      if (typeof entry?.post?.hash !== "string" || typeof entry.size !== "number") throw new Error("bad entry");
      state.posts.set(id, entry);
    }
    state.dirty.delete(i);
  }
}

/** Writes the cache folder (each file through a temporary name, so a crash never leaves half a file). */
export function saveCache(dir: string, version: string, state: CacheState): void {
  mkdirSync(dir, { recursive: true });
  writePosts(dir, state);
  for (const manifest of state.outputs.values()) writeFileAtomically(dir, outputFile(manifest.out), manifestText(manifest));
  // meta.json last: it names the chunks, so a crash before it leaves the previous, consistent cache.
  writeAtomically(dir, "meta.json", { version, parseKey: state.parseKey, chunks: CHUNKS });
  for (const name of readdirSync(dir)) {
    const match = /^posts-(\d+)\.json$/.exec(name);
    if (match && Number(match[1]) >= CHUNKS) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Saves the parsed posts ahead of the rest and frees them: a one-shot build needs only their
 * summaries once the model stands (at a million posts that is gigabytes). meta.json is removed first, so a
 * crash before the final saveCache leaves no cache rather than one that mixes two builds.
 */
export function savePostsEarly(dir: string, state: CacheState): void {
  mkdirSync(dir, { recursive: true });
  rmSync(path.join(dir, "meta.json"), { force: true });
  writePosts(dir, state);
  state.posts.clear();
}

/** Writes the chunk files whose posts changed. */
function writePosts(dir: string, state: CacheState): void {
  if (state.dirty.size === 0) return;
  const chunks = new Map<number, [string, CachedPost][]>([...state.dirty].map((chunk) => [chunk, []]));
  for (const [id, entry] of state.posts) chunks.get(chunkOf(id))?.push([id, entry]);
  for (const [chunk, posts] of chunks) writeAtomically(dir, `posts-${chunk}.json`, { parseKey: state.parseKey, posts });
  state.dirty.clear();
}

/**
 * A manifest on disk: its head as a line of JSON, then its pages' signatures as two more (the map
 * last written whole, and the changes since: cache/signatures.ts). A build that finds nothing changed
 * needs the head only: the signatures were two thirds of its reading and parsing at 10,000 posts
 * (1.3 MB of JSON, ~30 ms), and they grow with the site.
 */
function manifestText(manifest: OutputManifest): Buffer {
  const { signatures, ...head } = manifest;
  const [base, changes] = signatureLines(signatures);
  // The signatures' lines are hashed as they will lie after the head: the base's bytes copied once.
  const tail = Buffer.from(`\n${changes}`);
  const filesHash = bytesHash(base, tail);
  return Buffer.concat([Buffer.from(`${JSON.stringify({ ...head, filesHash })}\n`), base, tail]);
}

/** The manifest of an output folder read back, or undefined when there is none; its signatures' bytes checked against the head's hash. */
function readManifest(dir: string, out: string): OutputManifest | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(dir, outputFile(out)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const newline = bytes.indexOf(10);
  const last = bytes.lastIndexOf(10);
  if (newline < 0 || last === newline) throw new Error("bad manifest");
  const head = JSON.parse(bytes.toString("utf8", 0, newline)) as Omit<OutputManifest, "signatures"> & { filesHash?: string };
  if (head.out !== out || head.filesHash !== bytesHash(bytes.subarray(newline + 1))) throw new Error("bad manifest");
  const { filesHash: _, ...manifest } = head;
  return { ...manifest, signatures: readSignatures(bytes.subarray(newline + 1, last), bytes.toString("utf8", last + 1)) };
}

/** SHA-1 of the parts one after another. */
function bytesHash(...parts: Uint8Array[]): string {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  return hash.digest("base64url");
}

function writeAtomically(dir: string, name: string, data: unknown): void {
  writeFileAtomically(dir, name, JSON.stringify(data));
}

/** Writes a cache file through a temporary name, so a crash never leaves half a file. */
export function writeFileAtomically(dir: string, name: string, data: string | Uint8Array): void {
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, data);
  renameSync(temp, path.join(dir, name));
}

/** Removes what the cache on disk says about an output folder (its next build from disk is a full one). */
export function forgetOutput(dir: string, out: string): void {
  rmSync(path.join(dir, outputFile(out)), { force: true });
}

/** The inode of a folder, or -1 when it does not exist. */
export function folderIdentity(dir: string): number {
  try {
    return statSync(dir).ino;
  } catch {
    return -1;
  }
}
