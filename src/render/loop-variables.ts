// `{% for %}` sets its `loop` variable in one step. Nunjucks 3.2 compiles every loop iteration to
// seven `frame.set("loop.index", …)`-style calls, each splitting its name and walking into the
// `loop` object: in a news listing (fifty items, each with a loop over its categories) these were
// the largest single cost of rendering. They become seven plain stores into the same object, made
// the same way (Frame.set makes `loop` in the frame's own variables when it is not there), so a
// template that keeps `loop` sees it change as before. Code that does not match the pattern
// (another Nunjucks version) is left as it was, and works.

const LOOP_SETS = new RegExp(
  [
    String.raw`frame\.set\("loop\.index", (t_\d+) \+ 1\);`,
    String.raw`frame\.set\("loop\.index0", \1\);`,
    String.raw`frame\.set\("loop\.revindex", (t_\d+) - \1\);`,
    String.raw`frame\.set\("loop\.revindex0", \2 - \1 - 1\);`,
    String.raw`frame\.set\("loop\.first", \1 === 0\);`,
    String.raw`frame\.set\("loop\.last", \1 === \2 - 1\);`,
    String.raw`frame\.set\("loop\.length", \2\);`,
  ].join("\n"),
  "g",
);

/** Compiled template code with each iteration's `loop` values stored directly. */
export function setLoopVariablesAtOnce(code: string): string {
  return code.replace(
    LOOP_SETS,
    (_, i: string, n: string) =>
      `{ const loop = frame.variables.loop || (frame.variables.loop = {}); ` +
      `loop.index = ${i} + 1; loop.index0 = ${i}; loop.revindex = ${n} - ${i}; loop.revindex0 = ${n} - ${i} - 1; ` +
      `loop.first = ${i} === 0; loop.last = ${i} === ${n} - 1; loop.length = ${n}; }`,
  );
}
