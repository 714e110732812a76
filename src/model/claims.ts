// Which output paths are taken, and by whom. Two claims on one file collide, and so do a file and
// a folder of one name (one of the two could not be written); files that differ only in case are
// twins that collide on case-insensitive file systems. Pure bookkeeping over relative `/` paths.

/** Why a file cannot be claimed: its path is taken, is a folder others need, or one of its folders is a file. */
export type Clash<T> =
  | { readonly kind: "same-file"; readonly owner: T }
  | { readonly kind: "file-is-folder"; readonly owner: T }
  | { readonly kind: "folder-is-file"; readonly owner: T; readonly folder: string };

/** The output paths claimed so far. */
export interface Claims<T> {
  readonly files: Map<string, T>;
  /** Each folder a claimed file needs → the first owner that needed it. */
  readonly folders: Map<string, T>;
  /** Lower-cased file → owner. */
  readonly folded: Map<string, T>;
}

/** No paths claimed. */
export const emptyClaims = <T>(): Claims<T> => ({ files: new Map(), folders: new Map(), folded: new Map() });

/** The claim that keeps `file` from being written, if any. */
export function findClash<T>(claims: Claims<T>, file: string): Clash<T> | undefined {
  const same = claims.files.get(file);
  if (same !== undefined) return { kind: "same-file", owner: same };
  const folder = claims.folders.get(file);
  if (folder !== undefined) return { kind: "file-is-folder", owner: folder };
  for (let dir = parent(file); dir !== ""; dir = parent(dir)) {
    const owner = claims.files.get(dir);
    if (owner !== undefined) return { kind: "folder-is-file", owner, folder: dir };
    // A folder already claimed has had its parents checked (claims pass here first), and they
    // are claimed folders too: none of them is a file.
    if (claims.folders.has(dir)) break;
  }
  return undefined;
}

/** Claims a file (and the folders it needs) for an owner. Returns the owner of a file differing only in case, if any. */
export function claim<T>(claims: Claims<T>, file: string, owner: T): T | undefined {
  claims.files.set(file, owner);
  // Folders are claimed parents last: once a folder is known, so are all of its parents.
  for (let dir = parent(file); dir !== "" && !claims.folders.has(dir); dir = parent(dir)) claims.folders.set(dir, owner);
  const lower = file.toLowerCase();
  const twin = claims.folded.get(lower);
  if (twin === undefined) claims.folded.set(lower, owner);
  return twin;
}

const parent = (file: string): string => {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "" : file.slice(0, slash);
};
