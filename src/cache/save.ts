// Saving the cache without risking the build: a cache that cannot be written costs the next build
// time (it will be a full one), never this build its output.

import { codeFingerprint } from "../version.js";
import { forgetSnapshot, saveSnapshot, type ModelSnapshot } from "./snapshot.js";
import { forgetOutput, saveCache, savePostsEarly, type CacheState } from "./store.js";

/** Saves the cache; a cache that cannot be written costs the next build time, not this build its output. */
export function saveCacheOrNote(dir: string, cache: CacheState, notes: string[]): boolean {
  return cacheWriteOrNote(() => saveCache(dir, codeFingerprint(), cache), notes);
}

/** Saves the parsed posts now and frees them (see savePostsEarly); on failure they stay, for the final save. */
export function savePostsEarlyOrNote(dir: string, cache: CacheState, notes: string[]): void {
  cacheWriteOrNote(() => savePostsEarly(dir, cache), notes);
}

/** Removes the output's manifest from the cache on disk (the in-memory cache is saved later). */
export function forgetOutputOrNote(dir: string, out: string, notes: string[]): boolean {
  return cacheWriteOrNote(() => forgetOutput(dir, out), notes);
}

/** Saves the model snapshot of an output folder, or removes it when there is none to keep. */
export function keepSnapshotOrNote(dir: string, out: string, snapshot: ModelSnapshot | undefined, notes: string[]): boolean {
  return cacheWriteOrNote(() => (snapshot ? saveSnapshot(dir, out, snapshot) : forgetSnapshot(dir, out)), notes);
}

function cacheWriteOrNote(write: () => void, notes: string[]): boolean {
  try {
    write();
    return true;
  } catch (error) {
    notes.push(`the build cache could not be saved (${(error as NodeJS.ErrnoException).code ?? error}); the next build is a full one`);
    return false;
  }
}
