// Entry point of a worker thread: runs tasks.ts's functions on the messages the pool sends.

import { parentPort } from "node:worker_threads";
import { BuildError } from "../errors.js";
import { appendPosts, clearState, setTarget, createState, parseFiles, renderFiles, type WorkerState } from "./tasks.js";
import type { Request, Response } from "./protocol.js";

let state: WorkerState | undefined;

function handle(request: Request): unknown {
  switch (request.type) {
    case "setup":
      state = createState(request.setup);
      return null;
    case "target":
      setTarget(state!, request.target);
      return null;
    case "posts":
      appendPosts(state!, request.posts, request.paths);
      return null;
    case "parse":
      return parseFiles(state!, request.jobs);
    case "render":
      return renderFiles(state!, request.jobs);
    case "clear":
      if (state) clearState(state);
      return null;
  }
}

parentPort!.on("message", (request: Request) => {
  let response: Response;
  try {
    response = { id: request.id, ok: true, result: handle(request) };
  } catch (error) {
    response =
      error instanceof BuildError
        ? { id: request.id, ok: false, problem: error.problem }
        : { id: request.id, ok: false, crash: { message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack } };
  }
  parentPort!.postMessage(response);
});
