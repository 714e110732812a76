// Measuring a command as a whole: wall seconds, CPU seconds and peak memory of the process (all its
// threads), through GNU time when installed (apt-get install time), else wall time only.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const GNU_TIME = ["/usr/bin/time", "/bin/time"].find((file) => existsSync(file));

/** The value after a command-line flag, or a default. */
export function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

/** Whether a flag was given. */
export const flag = (name) => process.argv.includes(name);

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Runs a command to completion, failing loudly. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  return result;
}

/** Runs a command and measures it: { seconds, cpuSeconds, peakRssMiB, stdout, stderr }. */
export function time(command, args, options = {}) {
  if (!GNU_TIME) {
    const started = performance.now();
    const result = run(command, args, options);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: NaN, peakRssMiB: NaN, stdout: result.stdout, stderr: result.stderr };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "bench-time-"));
  const report = path.join(dir, "time");
  try {
    const result = run(GNU_TIME, ["-o", report, "-f", "%e %U %S %M", command, ...args], options);
    const [wall, user, sys, rssKb] = readFileSync(report, "utf8").trim().split("\n").pop().split(" ").map(Number);
    return { seconds: wall, cpuSeconds: user + sys, peakRssMiB: Math.round(rssKb / 1024), stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The environment the Node commands are measured in. A machine that sets NODE_EXTRA_CA_CERTS (this
 * sandbox points it at the system's whole CA bundle) makes every Node process parse those
 * certificates before its first line of JavaScript: ~80 ms here, a third of a rebuild with nothing
 * changed. Broadsheet makes no TLS connection, so it is measured without it (and the floor too);
 * `--keep-env` keeps it, and the bench prints what it costs either way.
 */
export const nodeEnv = (keep) => {
  if (keep) return process.env;
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = process.env;
  return rest;
};

/** Median milliseconds for `node -e 0` in an environment: Node's own start and exit. */
export function nodeStartMs(env, runs = 9) {
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    run(process.execPath, ["-e", "0"], { env });
    return performance.now() - started;
  });
  return Math.round(median(times));
}

/** Peak memory is only known with GNU time. */
export const peakRss = Boolean(GNU_TIME);

/** A corpus of `n` posts from the shared generator (`shared/corpus/generate.mjs`), made once and kept in `scratch`. */
export function corpus(scratch, shared, n) {
  const dir = path.join(scratch, `corpus-${n}`);
  if (!existsSync(path.join(dir, ".done"))) {
    rmSync(dir, { recursive: true, force: true });
    run(process.execPath, [path.join(shared, "corpus/generate.mjs"), "--posts", String(n), "--out", dir]);
    writeFileSync(path.join(dir, ".done"), "");
  }
  return dir;
}
