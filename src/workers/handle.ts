// One request applied to a thread's state: the same dispatch serves a worker thread and the
// inline lane, so the two can never drift apart.

import { appendPosts, clearState, createState, parseFiles, renderFiles, setTarget, type WorkerState } from "./tasks.js";
import { unpackPosts, type Request } from "./protocol.js";
import { makeFoldersFor } from "../write/files.js";
import { urlToFile } from "../model/permalink.js";
import type { DistributiveOmit } from "./pool.js";

/** What a thread keeps between requests. */
export interface ThreadState {
  state?: WorkerState;
}

/** Carries out a request; returns what goes back to the pool. */
export function handle(thread: ThreadState, request: DistributiveOmit<Request, "id">): unknown {
  switch (request.type) {
    case "setup":
      thread.state = createState(request.setup);
      return null;
    case "target":
      setTarget(thread.state!, request.target);
      return null;
    case "posts":
      appendPosts(thread.state!, ...unpackPosts(request.packed));
      return null;
    case "parse":
      return parseFiles(thread.state!, request.jobs);
    case "folders":
      makeFoldersFor(request.outDir, request.urls.map(urlToFile));
      return null;
    case "render":
      return renderFiles(thread.state!, request.jobs);
    case "clear":
      if (thread.state) clearState(thread.state);
      return null;
  }
}
