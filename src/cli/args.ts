// Command-line arguments as every command reads them: node's parseArgs, with its errors made usage errors.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.js";

/** Reads a command's options and positionals; throws UsageError. */
export function parse(argv: readonly string[], options: ParseArgsConfig["options"]): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

/** A command's flags as parsed: text, on/off, or absent. */
export type Flags = Record<string, string | boolean | undefined>;

/**
 * The flags of a command that takes no positional arguments; undefined when `--help` was asked for
 * (its text is then printed). Throws UsageError.
 */
export function commandFlags(argv: readonly string[], options: ParseArgsConfig["options"], help: string): Flags | undefined {
  const { values, positionals } = parse(argv, options);
  const flags = values as Flags;
  if (flags.help) {
    console.log(help);
    return undefined;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  return flags;
}

/** A flag's value as a whole number; throws UsageError. */
export function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}
