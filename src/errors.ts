// Problems found while building: one shape for warnings and errors, each with a stable code,
// the file it concerns and, where known, the line and column. Only cli.ts formats them.

/** How bad a problem is: a warning lets the build go on (unless --strict), an error skips or stops. */
export type Severity = "warning" | "error";

/** One thing wrong with the site's input, as plain data. */
export interface Problem {
  readonly severity: Severity;
  /** Stable identifier, e.g. `yaml`, `date`, `url-collision`; tests and scripts match on it. */
  readonly code: string;
  readonly message: string;
  /** Path shown to the user (relative to the working directory where possible). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What to do about it. */
  readonly hint?: string;
}

/** An error the user can fix; carries a Problem. Anything else thrown is a bug in broadsheet. */
export class BuildError extends Error {
  readonly problem: Problem;
  constructor(problem: Omit<Problem, "severity"> & { severity?: Severity }, options?: { cause?: unknown }) {
    super(problem.message, options);
    this.name = "BuildError";
    this.problem = { severity: "error", ...problem };
  }
  get code(): string {
    return this.problem.code;
  }
}

/** Raised when the command line itself is wrong (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A problem with no position, for the common case. */
export function problem(severity: Severity, code: string, file: string | undefined, message: string, hint?: string): Problem {
  return { severity, code, file, message, hint };
}
