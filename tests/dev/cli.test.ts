// `broadsheet dev` on the command line: help, usage errors, a missing site, a taken port, SIGTERM.

import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { makeSite, post, runCli, startCli } from "../helpers/site.js";

/** Starts `dev`, waits for its URL, then stops it with `signal`; returns what it printed and its exit code. */
async function runDev(args: string[], signal: NodeJS.Signals = "SIGTERM"): Promise<{ url: string; stdout: string; stderr: string; code: number | null }> {
  const child = startCli(["dev", ...args]);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /at (http:\/\/\S+) /.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill(signal);
  const code = await exited;
  return { url, stdout, stderr, code };
}

describe("broadsheet dev (command line)", () => {
  it("prints its help", async () => {
    const result = await runCli(["dev", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: broadsheet dev [options]");
    expect(result.stdout).toContain("--no-drafts");
  });

  it.each([
    [["--port", "http"], "--port expects a whole number, got \"http\""],
    [["--port", "70000"], "--port expects a port number up to 65535, got 70000"],
    [["--watch"], "Unknown option '--watch'"],
    [["extra"], "unexpected argument: extra"],
  ])("refuses %j with exit code 2", async (args, message) => {
    const result = await runCli(["dev", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`broadsheet: ${message}`);
  });

  it("fails with exit code 1 when the site has no posts folder", async () => {
    const root = makeSite({ "site.yml": "title: x\n" });
    const result = await runCli(["dev", "--root", root, "--port", "0"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/posts {2}posts folder not found/);
  });

  it("takes the next free port when the one asked for is taken, and stops on SIGTERM", async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, "localhost", () => resolve((blocker.address() as { port: number }).port)));
    try {
      const root = makeSite({ "posts/2024-01-01-a.md": post({ title: "甲", date: "2024-01-01" }) });
      const result = await runDev(["--root", root, "--port", String(port)]);
      expect(result.url).not.toBe(`http://localhost:${port}/`);
      expect(result.url).toMatch(/^http:\/\/localhost:\d+\/$/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Built 1 post → /m);
    } finally {
      blocker.close();
    }
  });
});
