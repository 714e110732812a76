// The command line as people use it: help, version, usage errors, exit codes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../helpers/faults.js";
import { CLI, REPO, runCli } from "../helpers/site.js";

const version = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).version;

describe("broadsheet", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints usage and exits 0", async (flag) => {
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: broadsheet <command> [options]");
    expect(run.stdout).toContain("build");
  });

  it("build --help lists every build flag", async () => {
    const run = await runCli(["build", "--help"]);
    expect(run.code).toBe(0);
    for (const flag of ["--root", "--posts", "--out", "--base-url", "--drafts", "--future", "--strict", "--quiet", "--verbose", "--no-cache", "--cache-dir", "--no-search"]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it.each([["--version"], ["-v"]])("%s prints the version", async (flag) => {
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it.each([
    [["frobnicate"], "broadsheet: unknown command: frobnicate"],
    [["build", "--nope"], "broadsheet: Unknown option '--nope'"],
    [["build", "--workers", "many"], 'broadsheet: --workers expects a whole number, got "many"'],
    [["build", "extra"], "broadsheet: unexpected argument: extra"],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Run broadsheet --help for usage.");
  });

  it("a missing site folder is a clear error (exit 1)", async () => {
    const run = await runCli(["build", "--root", "/nonexistent/site"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("/nonexistent/site  site folder not found\n    hint: pass --root DIR with a folder that holds posts/");
  });

  it("--verbose names the V8 inlining budget the command set (src/workers/compiler-budget.ts)", async () => {
    const run = await runCli(["build", "--verbose", "--root", "/nonexistent/site"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("note: V8 inlining budget --max-inlined-bytecode-size-cumulative=100 (from the first phase of many jobs)\n");
  });

  it("a budget given to Node is kept, not overridden", async () => {
    const run = await runProcess(process.execPath, ["--max-inlined-bytecode-size-cumulative=300", CLI, "build", "--verbose", "--root", "/nonexistent/site"], { cwd: REPO });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("note: V8 inlining budget --max-inlined-bytecode-size-cumulative=300 (given to Node)\n");
  });

  it("--quiet prints nothing on success", async () => {
    const { tempDir } = await import("../helpers/site.js");
    const run = await runCli(["build", "--quiet", "--no-search", "--out", path.join(tempDir(), "o")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
  });
});
