// Open pages first: in a patch build for the dev server, the pages someone has open are rendered and
// committed before the rest, so the page in front of the editor updates without waiting for every
// listing, feed and sitemap. Only the preview's output is ever briefly a mix of old and new pages.

import { nextTurn } from "../turns.js";
import { renderRoutes, type RenderInput, type RenderOutput } from "./render.js";

/** Renders the routes whose files are in `open` and hands the files it wrote to `commit`; undefined when none is open. */
export async function renderOpenFirst(input: RenderInput, open: ReadonlySet<string>, commit: (files: string[]) => void): Promise<RenderOutput | undefined> {
  const first = input.render.filter((route) => open.has(route.file));
  if (first.length === 0) return undefined;
  const done = await renderRoutes({ ...input, render: first });
  commit([...done.writes].filter(([, result]) => result.changed).map(([file]) => file));
  // Let the event loop turn: the server's news of these pages would otherwise wait for the rest.
  await nextTurn();
  return done;
}

/** Both passes' writes and problems as one. */
export function joinRenders(first: RenderOutput, rest: RenderOutput): RenderOutput {
  return { writes: new Map([...first.writes, ...rest.writes]), problems: [...first.problems, ...rest.problems] };
}
