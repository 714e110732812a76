// The coalescing queue: a burst makes one batch, a burst during a running batch makes one more, and
// batches never overlap.

import { describe, expect, it } from "vitest";
import { BatchQueue } from "../../src/dev/queue.js";

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("BatchQueue", () => {
  it("hands over a burst as one batch once it settles", async () => {
    const batches: number[][] = [];
    const queue = new BatchQueue<number>(async (batch) => void batches.push(batch), 20);
    for (let i = 0; i < 500; i++) queue.push(i);
    await queue.idle();
    expect(batches).toEqual([Array.from({ length: 500 }, (_, i) => i)]);
  });

  it("gathers what arrives during a batch into the next one, never running two at once", async () => {
    const batches: number[][] = [];
    let running = 0;
    let overlapped = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new BatchQueue<number>(async (batch) => {
      overlapped ||= running > 0;
      running++;
      batches.push(batch);
      if (batches.length === 1) await gate;
      running--;
    }, 5);
    queue.push(1);
    await tick(30);
    for (const n of [2, 3, 4]) queue.push(n);
    await tick(30);
    expect(batches).toEqual([[1]]);
    release();
    await queue.idle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(overlapped).toBe(false);
  });

  it("hands over a stream that never settles at least every maxWait", async () => {
    const batches: number[][] = [];
    const queue = new BatchQueue<number>(async (batch) => void batches.push(batch), 20, 60);
    for (let i = 0; i < 12; i++) {
      queue.push(i);
      await tick(10);
    }
    await queue.idle();
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("keeps going after a batch fails, and drops what is pending on close", async () => {
    const batches: number[][] = [];
    const queue = new BatchQueue<number>(async (batch) => {
      batches.push(batch);
      if (batch[0] === 1) throw new Error("build crashed");
    }, 5);
    queue.push(1);
    await queue.idle();
    queue.push(2);
    await queue.idle();
    queue.push(3);
    await queue.close();
    queue.push(4);
    await tick(20);
    expect(batches).toEqual([[1], [2]]);
  });
});
