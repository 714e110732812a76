// A preview refreshes its search index beside its rebuilds: Pagefind's process gives the cores to
// them (the page an editor waits for), and takes what they leave.

import { readdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";

/** Niceness for Pagefind under a preview: below the rebuilds, still well above idle. */
const BACKGROUND = 10;

/** Lowers the priority of this process's Pagefind children (Linux's /proc; elsewhere nothing happens). */
export function backgroundPagefind(): void {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": the name may hold spaces, so split after its closing parenthesis.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const command = stat.slice(stat.indexOf("(") + 1, close);
      const parent = Number(stat.slice(close + 2).split(" ")[1]);
      if (parent === process.pid && command.startsWith("pagefind")) setPriority(Number(name), BACKGROUND);
    } catch {
      // The process ended meanwhile, or is not ours to change.
    }
  }
}
