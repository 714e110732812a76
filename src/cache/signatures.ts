// An output manifest's page signatures (output file → signature of what it was rendered from), kept as
// the map last written whole plus the changes since. A rebuild after an edit looks up and changes a
// few dozen of 20,000 at 10,000 posts: decoding, copying, encoding and hashing the whole map (1.3 MB)
// was ~45 ms of such a rebuild, a tenth, and it grows with the site. Read from disk, the map stays
// bytes until something needs all of it.

/** Output file → signature: the map as last written whole, and the files whose signature changed since. */
export interface Signatures {
  /** The map written whole: its JSON as read from disk, or the map a build made. */
  readonly base: Buffer | Readonly<Record<string, string>>;
  /** Files of the base whose signature changed since. */
  readonly changes: Readonly<Record<string, string>>;
}

/** Past this many changes the map is written whole again: each build that decodes it applies them. */
const CHANGES_LIMIT = 4096;

/** The signatures of a build that planned every file. */
export const wholeSignatures = (files: Readonly<Record<string, string>>): Signatures => ({ base: files, changes: {} });

const decoded = new WeakMap<Buffer, Record<string, string>>();

/** The base as a map, decoded once. */
function baseMap(base: Signatures["base"]): Readonly<Record<string, string>> {
  if (!Buffer.isBuffer(base)) return base;
  let map = decoded.get(base);
  if (!map) decoded.set(base, (map = JSON.parse(base.toString("utf8")) as Record<string, string>));
  return map;
}

/** Every file's signature. */
export function everySignature(signatures: Signatures): Readonly<Record<string, string>> {
  const base = baseMap(signatures.base);
  return Object.keys(signatures.changes).length === 0 ? base : { ...base, ...signatures.changes };
}

/**
 * Looks files' signatures up without decoding the whole map: each file's key is searched for in the
 * base's bytes, from where the last was found (a build's files come in the order the map has them).
 */
export function signatureFinder(signatures: Signatures): (file: string) => string | undefined {
  const { base, changes } = signatures;
  if (!Buffer.isBuffer(base) || decoded.has(base)) {
    const map = baseMap(base);
    return (file) => (Object.hasOwn(changes, file) ? changes[file] : own(map, file));
  }
  const bytes = base;
  let from = 0;
  return (file) => {
    if (Object.hasOwn(changes, file)) return changes[file];
    // The one kind of name whose key can seem to start at a string's closing quote (see keyAt): looked up decoded.
    if (file === "," || file === ":") return own(baseMap(base), file);
    const key = Buffer.from(`${JSON.stringify(file)}:`);
    const found = keyAt(bytes, key, from) ?? keyAt(bytes, key, 0);
    if (found === undefined) return undefined;
    const start = found + key.length;
    const end = stringEnd(bytes, start);
    from = end;
    return JSON.parse(bytes.toString("utf8", start, end)) as string;
  };
}

/** A map's own entry (a file named `constructor` is not Object's). */
const own = (map: Readonly<Record<string, string>>, file: string): string | undefined => (Object.hasOwn(map, file) ? map[file] : undefined);

/**
 * Where `key` (a JSON string and a colon) starts as a key of the map, from `from` on. A match is a key
 * when the byte before it is `{` or `,` and its first quote opens a string: inside a string a quote is
 * always escaped (`\"`), and an opening quote follows only structure. A match could also start at a
 * string's closing quote, after a last character `,` or `{`; but a closing quote is followed by `,`,
 * `:` or `}` and then by a bare quote, which a key's escaped name cannot hold: only the names `,` and
 * `:` can match there (`","` + `:` over `",":…`), and the caller looks those up decoded.
 */
function keyAt(bytes: Buffer, key: Buffer, from: number): number | undefined {
  for (let at = bytes.indexOf(key, from); at > 0; at = bytes.indexOf(key, at + 1)) {
    if (bytes[at - 1] === 0x7b || bytes[at - 1] === 0x2c) return at;
  }
  return undefined;
}

/** The end (past the closing quote) of the JSON string that starts at `start`. */
function stringEnd(bytes: Buffer, start: number): number {
  let at = start + 1;
  while (bytes[at] !== 0x22) at += bytes[at] === 0x5c ? 2 : 1;
  return at + 1;
}

/** The signatures with more changes (of files the base has). */
export function withChanges(signatures: Signatures, changes: Readonly<Record<string, string>>): Signatures {
  return { base: signatures.base, changes: { ...signatures.changes, ...changes } };
}

/** The two lines the signatures are stored as: the base's JSON (as read, when the changes are few) and the changes'. */
export function signatureLines(signatures: Signatures): [Buffer, string] {
  const { base, changes } = signatures;
  if (Buffer.isBuffer(base) && Object.keys(changes).length <= CHANGES_LIMIT) return [base, JSON.stringify(changes)];
  return [Buffer.from(JSON.stringify(everySignature(signatures))), "{}"];
}

/** Signatures read back from their two lines (see signatureLines). */
export function readSignatures(base: Buffer, changes: string): Signatures {
  const parsed = JSON.parse(changes) as unknown;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("bad signature changes");
  return { base, changes: parsed as Record<string, string> };
}
