// The manifest's signatures as base plus changes: looking a file up in the base's bytes must give what
// decoding the whole map gives, whatever the file names hold; stored and read back, nothing changes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { everySignature, readSignatures, signatureFinder, signatureLines, wholeSignatures, withChanges, type Signatures } from "../../src/cache/signatures.js";

// File names that look like JSON's own syntax: quotes, backslashes, colons, commas, braces.
const tricky = fc.constantFrom('a","b.html', 'x\\":"y', "a:b", '{"k":"v"}', ",", ":", ":x", "x,", "x{", '\\', "江西/新闻.html", "😀.html", "\u0000\u001f", "\ud800");
const name = fc.oneof(fc.string(), fc.string({ unit: "binary" }), tricky, tricky.chain((t) => fc.string().map((s) => s + t + s)));
const signature = fc.oneof(fc.string(), fc.constant("*"), tricky);
const map = fc.dictionary(name, signature, { maxKeys: 40 });

/** Signatures as a build reads them back from disk. */
function stored(signatures: Signatures): Signatures {
  const [base, changes] = signatureLines(signatures);
  return readSignatures(base, changes);
}

describe("signatures kept as base plus changes", () => {
  it("finds in the base's bytes what the decoded map has, in any order of lookups", () => {
    fc.assert(
      fc.property(map, fc.array(name, { maxLength: 10 }), fc.boolean(), (files, missing, reverse) => {
        const signatures = stored(wholeSignatures(files));
        expect(signatures.base).toBeInstanceOf(Uint8Array);
        const find = signatureFinder(signatures);
        const keys = Object.keys(files);
        for (const file of [...(reverse ? keys.reverse() : keys), ...missing]) expect(find(file)).toBe(Object.hasOwn(files, file) ? files[file] : undefined);
      }),
      {
        numRuns: 300,
        // Found in CI: the name "," matched at the closing quote of the value "," and ran into the next key.
        examples: [
          [{ ",": "", 'a","b.html': 'a","b.html', "a:b": ",", ":\u0000\u001f:": "" }, [], true],
          [{ "x,": "*", ":": "x{", "a{": ":x", ",": "," }, [",", ":"], false],
        ],
      },
    );
  });

  it("lets changes win, and keeps them through a write and a read", () => {
    fc.assert(
      fc.property(map, fc.array(signature, { maxLength: 40 }), (files, replacements) => {
        const keys = Object.keys(files);
        const changes = Object.fromEntries(replacements.slice(0, keys.length).map((value, i) => [keys[i]!, value]));
        const changed = withChanges(stored(wholeSignatures(files)), changes);
        const expected = { ...files, ...changes };
        const again = stored(changed);
        for (const signatures of [changed, again]) {
          expect(everySignature(signatures)).toStrictEqual(expected);
          const find = signatureFinder(signatures);
          for (const file of keys) expect(find(file)).toBe(expected[file]);
        }
        // The base is written again as it was read: only the changes line is new.
        expect(Buffer.from(signatureLines(again)[0]).equals(Buffer.from(JSON.stringify(files)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("writes the map whole again once the changes are many", () => {
    const files = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}.html`, `s${i}`]));
    const changes = Object.fromEntries(Array.from({ length: 4097 }, (_, i) => [`p${i}.html`, `t${i}`]));
    const [base, rest] = signatureLines(withChanges(stored(wholeSignatures(files)), changes));
    expect(rest).toBe("{}");
    expect(JSON.parse(Buffer.from(base).toString())).toStrictEqual({ ...files, ...changes });
    const [few] = signatureLines(withChanges(stored(wholeSignatures(files)), { "p1.html": "x" }));
    expect(Buffer.from(few).toString()).toBe(JSON.stringify(files));
  });

  it("refuses a changes line that is not a map", () => {
    expect(() => readSignatures(Buffer.from("{}"), "[]")).toThrow();
    expect(() => readSignatures(Buffer.from("{}"), "null")).toThrow();
  });
});
