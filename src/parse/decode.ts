// A post file's bytes → its text: UTF-8 checked (or a declared legacy encoding), binary and UTF-16
// files named as such, the byte-order mark dropped and line endings made LF.

import { isUtf8 } from "node:buffer";
import { BuildError } from "../errors.js";

/** The file's text, as parsing sees it; throws BuildError for text that is not (UTF-8) text. */
export function normalizedText(bytes: Uint8Array, file: string, encoding: string): string {
  const text = decode(bytes, file, encoding).replace(/^\uFEFF/, "");
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array, file: string, encoding: string): string {
  const utf8Site = encoding === "utf-8" || encoding === "utf8";
  if (utf8Site && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    // A UTF-16 byte-order mark: text full of NUL bytes that would otherwise pass for binary.
    throw new BuildError({ code: "encoding", file, line: 1, message: "not UTF-8: the file is UTF-16", hint: "save it as UTF-8 (iconv -f utf-16 -t utf-8)" });
  }
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).filter((byte) => byte === 10).length + 1;
    throw new BuildError({ code: "binary", file, line, message: "binary file, not a post", hint: "move images and other files out of posts/ (into public/)" });
  }
  // Checking and decoding in native code (simdutf) is several times faster than a fatal TextDecoder.
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  // A declared legacy encoding is the fallback: archives converted piecemeal mix it with UTF-8, and
  // Chinese text in GB18030 is practically never valid UTF-8.
  if (!utf8Site) return new TextDecoder(encoding).decode(bytes);
  throw new BuildError({
    code: "encoding",
    file,
    line: lineOfFirstBadByte(bytes),
    message: "not UTF-8: the file holds bytes of another encoding (often GBK/GB18030 from older Chinese sites)",
    hint: "convert it (iconv -f gb18030 -t utf-8), or declare the archive's encoding in site.yml: encoding: gb18030",
  });
}

function lineOfFirstBadByte(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        utf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

/** The value part of a `key: value` line as written. */
