// Entry point of a worker thread: carries out the pool's requests (handle.ts) and answers each.

import { parentPort } from "node:worker_threads";
import { BuildError } from "../errors.js";
import { handle, type ThreadState } from "./handle.js";
import type { Request, Response } from "./protocol.js";

const thread: ThreadState = {};

parentPort!.on("message", (request: Request) => {
  let response: Response;
  try {
    response = { id: request.id, ok: true, result: handle(thread, request) };
  } catch (error) {
    response =
      error instanceof BuildError
        ? { id: request.id, ok: false, problem: error.problem }
        : { id: request.id, ok: false, crash: { message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack } };
  }
  parentPort!.postMessage(response);
});
