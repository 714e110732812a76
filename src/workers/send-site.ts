// Sending a render thread its copy of the site: the site's skeleton, then its posts in parts,
// packed once on this thread and copied to every thread as bytes.

import { plainTaxonomies } from "../cache/term-columns.js";
import type { DistributiveOmit, Lane } from "./pool.js";
import { packPosts, type Request } from "./protocol.js";
import type { RenderTarget } from "./tasks.js";

/** The site goes to the threads in parts of at most this many posts, and in at least eight: see sendSite. */
const SITE_PART_MAX = 20_000;
const SITE_PARTS = 8;

/** The site on its way to the render threads. */
export interface SiteSending {
  /** Settles once every part is posted: a thread takes a render batch posted after them only once it holds them all. */
  readonly posted: Promise<void>;
  /** Settles once every thread has unpacked every part. */
  readonly done: Promise<void>;
}

/**
 * Sends the threads their copy of the site: a skeleton, then the posts in parts, serialized once here
 * and copied to every thread as bytes (cloning them per thread serialized them once per thread, on
 * this thread). In parts, so a thread unpacks one while this thread packs the next. On a large site
 * at most two are in flight, so memory holds two, and between parts this thread renders; a smaller
 * site is posted whole at once, since waiting for the answers through this thread's event loop, busy
 * with its own batches, left the worker idle ~0.15 s of a cold 10k build.
 */
export function sendSite(copies: readonly Lane[], target: RenderTarget): SiteSending {
  // Terms and periods from a snapshot are stand-ins without own fields: made plain to be copied.
  const skeleton: RenderTarget = { ...target, site: plainTaxonomies({ ...target.site, posts: [] }), paths: [] };
  // Each answer is awaited at the end, and caught meanwhile: a thread that dies fails every message
  // it holds at once, and those not yet awaited must not be unhandled rejections.
  const toAll = (request: DistributiveOmit<Request, "id">): Promise<unknown> => {
    const answers = Promise.all(copies.map((lane) => lane.run(request)));
    answers.catch(() => undefined);
    return answers;
  };
  const sent = [toAll({ type: "target", target: skeleton })];
  const { length } = target.site.posts;
  const size = Math.min(SITE_PART_MAX, Math.max(64, Math.ceil(length / SITE_PARTS)));
  const bounded = length > SITE_PART_MAX;
  const postParts = async (): Promise<void> => {
    for (let i = 0; i < length; i += size) {
      if (bounded && sent.length >= 3) await sent[sent.length - 2]; // the part before last
      const packed = packPosts(target.site.posts.slice(i, i + size), target.paths.slice(i, i + size));
      sent.push(toAll({ type: "posts", packed }));
    }
  };
  const posted = postParts();
  return { posted, done: posted.then(() => Promise.all(sent)).then(() => undefined) };
}

/** Nothing to send: every thread holds the site already (or none renders it). */
export const SITE_SENT: SiteSending = { posted: Promise.resolve(), done: Promise.resolve() };
