// Loops whose `loop.*` variables are stored directly (src/render/loop-variables.ts) must render
// exactly as Nunjucks' own code does: nested loops, loops over objects, `else`, a kept `loop`
// object read after later iterations changed it, and random lists.

import fc from "fast-check";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { setLoopVariablesAtOnce } from "../../src/render/loop-variables.js";

const OPTIONS = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };

const TEMPLATES: Record<string, string> = {
  every: "{% for x in xs %}[{{ x }} {{ loop.index }} {{ loop.index0 }} {{ loop.revindex }} {{ loop.revindex0 }} {{ loop.first }} {{ loop.last }} {{ loop.length }}]{% else %}none{% endfor %}",
  nested: "{% for row in rows %}{% for x in row %}{{ loop.index }}/{{ loop.length }}{% if loop.last %};{% endif %}{% endfor %}{{ loop.index }}|{% endfor %}",
  object: "{% for k, v in obj %}{{ k }}={{ v }}{% if not loop.last %},{% endif %}{{ loop.revindex }}{% endfor %}",
  kept: "{% set seen = [] %}{% for x in xs %}{% if loop.first %}{% set first = loop %}{% endif %}{{ first.index if first else '-' }}{{ loop.index }} {% endfor %}",
  include: "{% for x in xs %}{% include 'item.njk' %}{% endfor %}",
  "item.njk": "<i>{{ loop.index }}:{{ x }}{{ '!' if loop.last }}</i>",
};

function environment(transform: boolean): nunjucks.Environment {
  const loader = {
    getSource(name: string) {
      const source = TEMPLATES[name]!;
      if (!transform) return { src: source, path: name, noCache: false };
      const code = (nunjucks as unknown as { compiler: { compile(...args: unknown[]): string } }).compiler.compile(source, [], [], name, OPTIONS);
      const changed = setLoopVariablesAtOnce(code);
      return { src: { type: "code", obj: new Function(changed)() }, path: name, noCache: false };
    },
  };
  return new nunjucks.Environment([loader as unknown as nunjucks.ILoader], OPTIONS);
}

describe("loop variables stored directly", () => {
  const plain = environment(false);
  const direct = environment(true);

  it("replaces every loop's seven calls", () => {
    const code = (nunjucks as unknown as { compiler: { compile(...args: unknown[]): string } }).compiler.compile(TEMPLATES.nested!, [], [], "nested", OPTIONS);
    expect(code).toContain('frame.set("loop.index"');
    expect(setLoopVariablesAtOnce(code)).not.toContain('frame.set("loop.');
  });

  it("renders every template as Nunjucks does, on random data", () => {
    const word = fc.string({ maxLength: 3 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.array(fc.array(fc.integer(), { maxLength: 4 }), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 2 }), word, { maxKeys: 4 }), (xs, rows, obj) => {
        for (const name of ["every", "nested", "object", "kept", "include"]) {
          const context = { xs, rows, obj };
          expect(direct.render(name, context)).toBe(plain.render(name, context));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps one loop object per loop, changed in place, as Nunjucks does", () => {
    expect(direct.render("kept", { xs: ["a", "b", "c"] })).toBe(plain.render("kept", { xs: ["a", "b", "c"] }));
    expect(plain.render("kept", { xs: ["a", "b", "c"] })).toBe("11 22 33 ");
  });
});
