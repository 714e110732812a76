// What a build needs once it knows something changed, loaded only then: a build that finds nothing
// changed answers in ~0.4 s at 10,000 posts, and loading these ~40 modules took ~50 ms of it.

export { forgetOutputOrNote, keepSnapshotOrNote, saveCacheOrNote, savePostsEarlyOrNote } from "../cache/save.js";
export { postIds } from "../cache/post-columns.js";
export { snapshotOf, SNAPSHOT_MAX_POSTS } from "../cache/snapshot.js";
export { siteView, templateFor } from "../render/context.js";
export { indexSearch } from "../search/stage.js";
export { joinRenders, renderOpenFirst } from "./first.js";
export { dropUnusedFolders, foldersAheadFor, makePostFoldersAhead } from "./folders.js";
export { fullModel, reusedModel } from "./model.js";
export { parseSources } from "./parse.js";
export { planEdit, planOutput } from "./plan.js";
export { buildPools } from "./pools.js";
export { renderRoutes } from "./render.js";
export { reuseModel } from "./reuse.js";
export { routeSignatures } from "../graph/signature.js";
export { holdHeapGrowth } from "../workers/heap-growth.js";
