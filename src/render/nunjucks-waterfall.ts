// A synchronous waterfall for Nunjucks 3.2: every `{% include %}` runs its three steps (find the
// template, render it, append its output) through a-sync-waterfall, which builds an iterator, two
// closures and an argument array per step, and a news listing includes its item partial fifty times.
// Same order of calls, same arguments, same handling of errors; asked for an asynchronous run, the
// stock one runs.

import nunjucks from "nunjucks";

type Callback = (error?: unknown, ...results: unknown[]) => void;
type Task = (...args: unknown[]) => void;
type Waterfall = (tasks: Task[], callback?: Callback, forceAsync?: boolean) => void;

const environment = (nunjucks.Environment as unknown as { prototype: { waterfall: Waterfall & { __sync?: boolean } } }).prototype;
const ignore: Callback = () => undefined;

if (!environment.waterfall.__sync) {
  const stock = environment.waterfall;
  const sync: Waterfall = function waterfall(this: unknown, tasks, callback, forceAsync) {
    if (forceAsync || !Array.isArray(tasks)) return stock.call(this, tasks, callback, forceAsync);
    let final = callback ?? ignore;
    if (tasks.length === 0) return final();
    // As a-sync-waterfall: step i hands its results to step i + 1; the last step gets the final
    // callback itself; the first error goes to the final callback, which then ignores any later call.
    const stepAfter =
      (i: number): Callback =>
      (error, ...results) => {
        if (error) {
          const report = final;
          final = ignore;
          report(error, ...results);
          return;
        }
        tasks[i]!(...results, i === tasks.length - 1 ? final : stepAfter(i + 1));
      };
    stepAfter(0)();
  };
  environment.waterfall = Object.assign(sync, { __sync: true });
}
