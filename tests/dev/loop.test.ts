// The preview loop on real file events: an editor's rename-write and double write, and a burst of
// five hundred new posts, each end in few rebuilds with everything published. (That a burst is one
// batch, and that batches never overlap, is shown deterministically in queue.test.ts.)

import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDev, type BuildReport, type DevSession } from "../../src/dev/session.js";
import { makeSite, post, readOut } from "../helpers/site.js";

describe("the preview loop", () => {
  let root: string;
  let dev: DevSession;
  const reports: BuildReport[] = [];

  beforeAll(async () => {
    root = makeSite({ "posts/2024-01-01-a.md": post({ title: "甲", date: "2024-01-01 09:00:00 +0800", categories: "x" }) });
    dev = await startDev(
      { host: "localhost", port: 0, build: { root, workers: 0 } },
      {
        built: (report) => reports.push(report),
        watchError: (error) => {
          throw error;
        },
      },
    );
  });
  afterAll(() => dev.close());

  /** Waits until the loop has built everything it was told about and no late event follows. */
  const settled = async (): Promise<void> => {
    for (let quiet = 0; quiet < 3; ) {
      const before = reports.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await dev.idle();
      quiet = reports.length === before ? quiet + 1 : 0;
    }
  };
  const rebuildsDuring = async (change: () => void): Promise<BuildReport[]> => {
    await settled();
    const from = reports.length;
    change();
    await settled();
    return reports.slice(from);
  };
  const page = path.join("x", "2024", "01", "01", "a.html");

  it("rebuilds an editor's rename-write once the new text is in place", async () => {
    const file = path.join(root, "posts/2024-01-01-a.md");
    const builds = await rebuildsDuring(() => {
      writeFileSync(`${file}.tmp`, post({ title: "甲（改）", date: "2024-01-01 09:00:00 +0800", categories: "x" }));
      renameSync(`${file}.tmp`, file);
    });
    expect(builds.length).toBeGreaterThanOrEqual(1);
    expect(builds.length).toBeLessThanOrEqual(2);
    expect(readOut(dev.out, page)).toContain("甲（改）");
  });

  it("follows a file written twice in a row to its second text", async () => {
    const file = path.join(root, "posts/2024-01-01-a.md");
    const builds = await rebuildsDuring(() => {
      writeFileSync(file, post({ title: "第一次", date: "2024-01-01 09:00:00 +0800", categories: "x" }));
      writeFileSync(file, post({ title: "第二次", date: "2024-01-01 09:00:00 +0800", categories: "x" }));
    });
    expect(builds.length).toBeLessThanOrEqual(2);
    expect(readOut(dev.out, page)).toContain("第二次");
  });

  it("publishes five hundred posts dropped at once in a handful of rebuilds", async () => {
    const builds = await rebuildsDuring(() => {
      for (let i = 0; i < 500; i++) {
        const day = String((i % 28) + 1).padStart(2, "0");
        writeFileSync(path.join(root, `posts/2024-02-${day}-burst-${i}.md`), post({ title: `快讯 ${i}`, date: `2024-02-${day} 10:00:00 +0800`, categories: "burst" }));
      }
    });
    expect(builds.length).toBeGreaterThanOrEqual(1);
    expect(builds.length).toBeLessThanOrEqual(5);
    expect(builds.at(-1)!.summary!.posts).toBe(501);
    expect(readOut(dev.out, "burst/2024/02/24/burst-499.html")).toContain("快讯 499");
  });
});
