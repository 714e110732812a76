// The synchronous waterfall (src/render/nunjucks-waterfall.ts) that every `{% include %}` runs
// through must do exactly what a-sync-waterfall does: the same steps called with the same
// arguments, in the same order, and the same final call, for steps that pass results on, fail,
// call back twice or never. Compared call log by call log on random step sequences.

import { createRequire } from "node:module";
import fc from "fast-check";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import "../../src/render/nunjucks-waterfall.js";

type Callback = (error?: unknown, ...results: unknown[]) => void;
type Waterfall = (tasks: ((...args: unknown[]) => void)[], callback?: Callback, forceAsync?: boolean) => void;

const stock = createRequire(createRequire(import.meta.url).resolve("nunjucks"))("a-sync-waterfall") as Waterfall;
const patched = (nunjucks.Environment.prototype as unknown as { waterfall: Waterfall }).waterfall;

type Step = { kind: "pass"; results: number[] } | { kind: "fail"; code: number } | { kind: "twice"; results: number[] } | { kind: "stop" };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("pass" as const), results: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }) }), weight: 6 },
  fc.record({ kind: fc.constant("fail" as const), code: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant("twice" as const), results: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant("stop" as const) }),
);

/** What running `steps` through `waterfall` did, call by call. */
function run(waterfall: Waterfall, steps: readonly Step[], withFinal: boolean): string[] {
  const log: string[] = [];
  const tasks = steps.map((spec, i) => (...args: unknown[]) => {
    const next = args.pop() as Callback;
    log.push(`step ${i} got ${JSON.stringify(args)}`);
    if (spec.kind === "pass") next(null, ...spec.results.map((r) => r * 10 + i));
    else if (spec.kind === "fail") next(new Error(`fail ${i}:${spec.code}`), "extra");
    else if (spec.kind === "twice") {
      next(null, ...spec.results);
      next(new Error(`late ${i}`));
    }
  });
  const final: Callback = (error, ...results) => log.push(`final ${error instanceof Error ? error.message : String(error)} ${JSON.stringify(results)}`);
  waterfall.call(undefined, tasks, withFinal ? final : undefined, false);
  return log;
}

describe("the synchronous Nunjucks waterfall", () => {
  it("is installed on the environment", () => {
    expect(patched).not.toBe(stock);
  });

  it("calls the same steps with the same arguments as a-sync-waterfall, and ends the same way", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), fc.boolean(), (steps, withFinal) => {
        expect(run(patched, steps, withFinal)).toEqual(run(stock, steps, withFinal));
      }),
      { numRuns: 3000 },
    );
  });

  it("renders includes in a loop as before, and an error inside one still names it", () => {
    const loader = {
      getSource: (name: string) => ({
        src: { "list.njk": "{% for item in items %}{% include 'item.njk' %}{% endfor %}", "item.njk": "<li>{{ item.title }}</li>", "bad.njk": "{% for item in items %}{% include 'broken.njk' %}{% endfor %}", "broken.njk": "{{ item.missing.deeper }}" }[name]!,
        path: name,
        noCache: false,
      }),
    };
    const env = new nunjucks.Environment([loader as unknown as nunjucks.ILoader], { autoescape: true, throwOnUndefined: true });
    expect(env.render("list.njk", { items: [{ title: "甲<" }, { title: "乙" }] })).toBe("<li>甲&lt;</li><li>乙</li>");
    expect(() => env.render("bad.njk", { items: [{ title: "甲" }] })).toThrow(/broken\.njk/);
  });
});
