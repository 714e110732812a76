// Open pages first: in a patch build for the dev server, the pages someone has open are rendered and
// committed before the rest, so the page in front of the editor updates without waiting for every
// listing, feed and sitemap. Only the preview's output is ever briefly a mix of old and new pages.

import type { Route } from "../routes/types.js";
import { renderRoutes, type RenderInput, type RenderOutput } from "./render.js";

/** Renders the routes whose files are in `open`, hands the files written to `commit`, and returns them with the routes left to render. */
export async function renderOpenFirst(input: RenderInput, open: ReadonlySet<string>, commit: (files: string[]) => void): Promise<{ done: RenderOutput; rest: readonly Route[] }> {
  const first = input.render.filter((route) => open.has(route.file));
  if (first.length === 0) return { done: { writes: new Map(), problems: [] }, rest: input.render };
  const done = await renderRoutes({ ...input, render: first });
  commit([...done.writes].filter(([, result]) => result.changed).map(([file]) => file));
  // Let the event loop turn: the server's news of these pages would otherwise wait for the rest.
  await new Promise((resolve) => setImmediate(resolve));
  return { done, rest: input.render.filter((route) => !open.has(route.file)) };
}

/** Both passes' writes and problems as one. */
export function joinRenders(first: RenderOutput, rest: RenderOutput): RenderOutput {
  return { writes: new Map([...first.writes, ...rest.writes]), problems: [...first.problems, ...rest.problems] };
}
