// The pipeline, in order: config → read → parse → model → routes → plan → render → search → write.
// A build either replaces the output completely or leaves it as it was. A builder keeps the cache
// and worker threads between builds (the dev server's loop); `build()` is one builder run once.

import { availableParallelism } from "node:os";
import type { Builder, BuilderSettings, BuilderState, BuildHint } from "./builder.js";
import { cacheFolder } from "./cache/location.js";
import { emptyCache, folderIdentity, loadCache, saveCache, type CacheState } from "./cache/store.js";
import { loadSite } from "./config/load.js";
import { globalKey } from "./graph/global-key.js";
import { parseSettings } from "./parse/settings.js";
import { readSources } from "./read.js";
import { updateSources } from "./read-changes.js";
import { readTemplates } from "./render/templates.js";
import type { RenderInput, RenderOutput } from "./stages/render.js";
import { stageClock } from "./stages/clock.js";
import { inputKey, isUnchanged, sourcesKey, unchangedSummary, validUntil } from "./stages/unchanged.js";
import { summarize } from "./summary.js";
import type { Route } from "./routes/types.js";
import type { BuildOptions, BuildSummary } from "./types.js";
import { codeFingerprint, VERSION } from "./version.js";
import type { WorkerSetup } from "./workers/tasks.js";
import { acquireLock } from "./write/lock.js";
import { outputError } from "./write/failure.js";
import { closeJournal, commitPatch, commitStaging, createWorkFolder, discardWorkFolderAfter, recoverOutput } from "./write/output.js";
import { copyPublicFiles, listPublicFiles } from "./write/public.js";

export type { Builder, BuilderSettings, BuildHint, LastBuild } from "./builder.js";

/** Builds a site once. Resolves with the summary (ok: false under --strict with problems); rejects with BuildError on a fatal user error. */
export async function build(options: BuildOptions = {}): Promise<BuildSummary> {
  const builder = createBuilder(options, { once: true });
  try {
    return await builder.build();
  } finally {
    await builder.close();
  }
}

/** A builder for a site. Each build re-reads site.yml, templates and posts; unchanged posts are not parsed again. */
export function createBuilder(options: BuildOptions = {}, settings: BuilderSettings = {}): Builder {
  const state: BuilderState = { pools: {}, settings };
  let running: Promise<BuildSummary> | undefined;
  return {
    build(hint) {
      // Builds never overlap: a second call waits for the first.
      const next = (running ?? Promise.resolve()).catch(() => undefined).then(() => runBuild(options, state, hint));
      running = next;
      return next;
    },
    get last() {
      return state.last;
    },
    async close() {
      await running?.catch(() => undefined);
      if (state.unsaved && state.cache && state.cacheDir) saveCache(state.cacheDir, codeFingerprint(), state.cache);
      await closePools(state.pools);
    },
  };
}

async function closePools(pools: BuilderState["pools"]): Promise<void> {
  const open = [pools.threads, pools.inline];
  pools.threads = pools.inline = undefined;
  await Promise.all(open.map((pool) => pool?.close()));
}

async function runBuild(options: BuildOptions, state: BuilderState, hint: BuildHint | undefined): Promise<BuildSummary> {
  const clock = stageClock();
  const { paths, config, problems: configProblems } = loadSite(options);
  const lock = acquireLock(paths.out);
  let workDir: string | undefined;
  // Folders a worker thread is making in the work folder: waited for before the folder is thrown away.
  let foldersMade: Promise<void> | undefined;
  try {
    const { notes, interrupted } = recoverOutput(paths.out);
    const now = options.now ?? Date.now();
    const cacheDir = options.cacheDir === false ? undefined : cacheFolder(paths, options.cacheDir);
    const settings = parseSettings(config);
    const parseKey = globalKey([settings]);
    // First only the output manifests: when nothing changed, parsed posts are not even loaded.
    let cache: CacheState;
    const kept = state.cache;
    if (kept && kept.parseKey === parseKey) cache = kept;
    else {
      const loaded = cacheDir ? loadCache(cacheDir, codeFingerprint(), parseKey, paths.out, false) : { state: emptyCache(parseKey) };
      if (loaded.note) notes.push(loaded.note);
      cache = loaded.state;
    }

    const drafts = options.drafts ?? false;
    const known = hint?.posts && state.sources ? updateSources(state.sources, paths, drafts, hint.posts) : undefined;
    const sources = clock.time("read", () => known ?? readSources(paths, drafts));
    state.sources = sources;
    const templates = readTemplates(paths.templates);
    const { files: publicFiles, problems: linkProblems } = listPublicFiles(paths.public);
    // Links in the theme folders that lead nowhere are reported with site.yml's problems.
    const inputProblems = [...configProblems, ...templates.problems, ...linkProblems];
    const inputs = inputKey(codeFingerprint(), config, options, templates, publicFiles, sources.files, inputProblems);
    const manifest = cache.outputs.get(paths.out);
    const outIdentity = folderIdentity(paths.out);
    // After an interrupted commit the cache may describe the output before it: build it whole.
    const usable = manifest && manifest.ino === outIdentity && outIdentity !== -1 && !interrupted ? manifest : undefined;
    if (isUnchanged(usable, inputs, now)) return unchangedSummary(usable, clock, paths, notes);
    const first = !kept;
    const checkKey = globalKey([config, [...templates.hashes]]);
    // Compiling is the templates' syntax check; the code is kept for the threads and the next build.
    // Nunjucks and the stages past this point are loaded only here: a build that finds nothing changed
    // never needs them (stages/full.ts).
    const [{ compileTemplates }, stages] = await Promise.all([import("./render/compiled.js"), import("./stages/full.js")]);
    const { buildPools, fullModel, holdHeapGrowth, indexSearch, joinRenders, parseSources, planEdit, planOutput, renderOpenFirst, renderRoutes, reusedModel, reuseModel, routeSignatures, siteView, templateFor } = stages;
    const { forgetOutputOrNote, keepSnapshotOrNote, postIds, saveCacheOrNote, savePostsEarlyOrNote, snapshotOf, SNAPSHOT_MAX_POSTS, dropUnusedFolders, foldersAheadFor, makePostFoldersAhead } = stages;
    const compiled = compileTemplates(templates, config, cacheDir);

    const setup: WorkerSetup = { config, parse: settings, templates: [...compiled.files.values()], templateHashes: [...templates.hashes] };
    const { poolFor, aim, clear, threads } = buildPools(state.pools, setup, checkKey, options.workers ?? availableParallelism() - 1, sources.files.length);

    // A fresh process after edits that kept every post's place: the last model, patched (stages/reuse.ts).
    const shape = inputKey(codeFingerprint(), config, options, templates, publicFiles, [], inputProblems);
    const filesKey = sourcesKey(sources.files);
    const reused =
      !kept && !hint && cacheDir && usable?.summary && now < (usable.validUntil ?? 0)
        ? await clock.timeAsync("reuse", () =>
            reuseModel({ cacheDir, out: paths.out, version: codeFingerprint(), cache, manifest: usable, inputs, shape, files: sources.files, filesKey, config, parse: async (jobs) => (await poolFor(jobs.length)).parse(jobs) }),
          )
        : undefined;
    if (!reused && cache !== kept && cacheDir) cache = loadCache(cacheDir, codeFingerprint(), parseKey, paths.out).state;
    state.cache = cache;
    state.cacheDir = cacheDir;

    // Held only once the build is known to take the full path: loading the snapshot of an edit (at
    // 100,000 posts, 1.5 s; 2.3 s held) peaks far below a full build anyway (548 MiB).
    if (!reused) holdHeapGrowth(sources.files.length);
    const parsed = reused ? undefined : await clock.timeAsync("parse", () => parseSources(sources.files, cache, poolFor, state.settings.keepLastGood));
    // With no output to patch, the build writes a whole staging folder: a worker thread makes its post
    // folders while this thread works out the model (stages/folders.ts).
    const aside = parsed && !usable && foldersAheadFor(parsed.posts.length) ? threads() : undefined;
    let folders = aside && makePostFoldersAhead(aside, (workDir = createWorkFolder(paths.out, "staging")), parsed!.posts);
    foldersMade = folders?.made;
    const stage = reused
      ? reusedModel(reused, usable!.summary!)
      : clock.time("model", () => fullModel(parsed!, { config, options: { ...options, now }, configProblems: inputProblems, sources, publicFiles }));
    const { model, routes, problems, skipped } = stage;
    // Rendering and the search index add to these below; the manifest records where the model's end.
    const fromModel = { problems: problems.length, skipped: skipped.length };
    const { site } = model;
    options.onSite?.(site);
    const view = siteView(site, `broadsheet ${VERSION}`);

    if (options.strict && (problems.length > 0 || skipped.length > 0)) {
      await discardWorkFolderAfter(workDir, foldersMade);
      workDir = undefined;
      return summarize({ ok: false, site, pages: stage.pages, problems, skipped, notes, model, clock, paths, written: 0, unchanged: 0, deleted: 0 });
    }

    // One build and done: the site keeps each post's summary, so the parsed posts can go (saved first).
    if (state.settings.once && parsed) {
      if (cacheDir) savePostsEarlyOrNote(cacheDir, cache, notes);
      else cache.posts.clear();
      parsed.posts.length = 0;
    }

    const pathOf = new Map(sources.files.map((file) => [file.id, file.path]));
    const postPaths = postIds(site.posts).map((id) => pathOf.get(id)!);
    const renderInput = (render: readonly Route[], into: string, currentDir: string | undefined): RenderInput => ({
      site,
      siteView: view,
      // After an edit, no sitemap is among the routes to render (they list URLs and dates: the site's shape).
      routes,
      render,
      pool: poolFor,
      workDir: into,
      currentDir,
      now,
      onProgress: options.onProgress,
    });

    // The pages open in a preview go first, before the plan: rendered against the current output,
    // the files whose bytes changed are committed and announced while the rest is still planned.
    let early: RenderOutput | undefined;
    if (hint?.open?.size && usable) {
      const into = (workDir = createWorkFolder(paths.out, "patch"));
      aim({ site, siteView: view, paths: postPaths, outDir: into, currentDir: paths.out });
      early = await clock.timeAsync("render", () =>
        renderOpenFirst(renderInput(routes, into, paths.out), hint.open!, (files) => {
          commitPatch(paths.out, into, files, []);
          hint.committed?.(files);
        }),
      );
    }

    // A one-off build without a cache keeps no manifest: its pages' signatures would go unused.
    const global = globalKey([VERSION, config, view]);
    const signatures =
      state.settings.once && !cacheDir
        ? []
        : clock.time("plan", () =>
            routeSignatures(routes, site, global, (route) => {
              const template = templateFor(route);
              return template ? templates.hashes.get(template) : undefined;
            }),
          );
    const output = clock.time("plan", () => (stage.edit ? planEdit(routes, signatures, usable!) : planOutput(routes, signatures, stage.copyable, usable)));

    const foldersMadeAhead = Boolean(folders);
    if (folders) {
      await folders.made;
      dropUnusedFolders(workDir!, folders, routes);
      folders = undefined; // its URL list is not needed past here, where the build's memory peaks
    }
    // With no output before it, the build is a full one, and has had its staging folder since its model (above).
    if (!foldersMadeAhead) workDir = createWorkFolder(paths.out, output.mode === "full" ? "staging" : "patch");
    const currentDir = output.mode === "patch" ? paths.out : undefined;
    aim({ site, siteView: view, paths: postPaths, outDir: workDir!, currentDir, foldersMadeAhead });
    // A patch keeps what went first; a full build's staging folder needs every page, those too.
    const ahead = output.mode === "patch" ? early : undefined;
    const rest = ahead ? output.render.filter((route) => !ahead.writes.has(route.file)) : output.render;
    const rendered = await clock.timeAsync("render", async () => {
      const done = await renderRoutes(renderInput(rest, workDir!, currentDir));
      return ahead ? joinRenders(ahead, done) : done;
    });
    skipped.push(...rendered.problems);
    await clear();
    // A one-off build is done with its threads: ended now, their heaps go back to the system before
    // the cache and the model snapshot are written (at 100,000 posts, ~300 MB).
    if (state.settings.once) await closePools(state.pools);

    // A full build writes every file, but reports as changed only those whose inputs changed.
    const changed = [...rendered.writes].filter(([file, result]) => result.changed && output.stale.has(file)).map(([file]) => file);
    const copied = output.copy.filter((file) => output.stale.has(file.file)).map((file) => file.file);
    clock.time("write", () => copyPublicFiles(output.copy, workDir!));
    const search = await clock.timeAsync("search", () =>
      indexSearch({ config, routes: config.search ? stage.allRoutes() : [], mode: output.mode, workDir: workDir!, out: paths.out, changed, removed: output.remove, deferred: Boolean(options.onSearchIndex) }),
    );
    problems.push(...search.problems);

    const counts = clock.time("write", () => {
      const written = [...changed, ...copied, ...search.written];
      const deleted = [...output.remove, ...search.deleted];
      // From here on the work folder belongs to the journal: a commit that fails is finished by the next build.
      const committing = workDir!;
      workDir = undefined;
      if (output.mode === "full") commitStaging(paths.out, committing);
      else commitPatch(paths.out, committing, written, deleted);
      return {
        written: written.length,
        unchanged: Object.values(stage.pages).reduce((a, b) => a + b, 0) - changed.length,
        deleted: deleted.length,
        changes: { written, deleted },
      };
    });
    if (search.job) options.onSearchIndex?.(search.job);

    const summary = summarize({ ok: true, site, pages: stage.pages, problems, skipped, notes, model, clock, paths, ...counts, search: search.summary });
    cache.outputs.set(paths.out, {
      out: paths.out,
      ino: folderIdentity(paths.out),
      signatures: output.signatures,
      inputs,
      validUntil: validUntil(site, model.nextFuture, now),
      sources: filesKey,
      summary: { posts: summary.posts, pages: summary.pages, problems, skipped, fromModel, leftOut: summary.leftOut },
    });
    state.last = {
      paths,
      site,
      siteView: view,
      setup,
      postPaths,
      get routes() {
        return stage.allRoutes();
      },
      parsed: (id) => cache.posts.get(id)?.post,
    };
    state.unsaved = Boolean(cacheDir) && !first && state.settings.saveCacheOnClose;
    // The cache on disk must never describe an output other than this one: until it is saved (now,
    // or when the builder closes) its manifest for this output goes, and until then the journal stays.
    const saved = !cacheDir || (state.unsaved ? forgetOutputOrNote(cacheDir, paths.out, notes) : clock.time("cache", () => saveCacheOrNote(cacheDir, cache, notes)));
    if (saved) closeJournal(paths.out);
    // A one-off build keeps its model for the next one's edits (stages/reuse.ts); any other build's
    // would go stale with the manifest it belongs to.
    if (saved && cacheDir && !state.unsaved) {
      const keep = state.settings.once && site.posts.length <= SNAPSHOT_MAX_POSTS;
      const snapshot = keep ? (reused?.snapshot ?? snapshotOf({ inputs, shape, files: sources.files, site, routes, signatures, nextFuture: model.nextFuture })) : undefined;
      keepSnapshotOrNote(cacheDir, paths.out, snapshot, notes);
    }
    return summary;
  } catch (error) {
    await discardWorkFolderAfter(workDir, foldersMade);
    throw outputError(error, paths.out) ?? error;
  } finally {
    lock.release();
  }
}
