// The pipeline, in order: config → read → parse → model → routes → plan → render → write.
// A build either replaces the output completely or leaves it as it was.

import { availableParallelism } from "node:os";
import path from "node:path";
import { folderIdentity, emptyCache, loadCache, saveCache, type CacheState } from "./cache/store.js";
import { displayPath, loadSite } from "./config/load.js";
import { BuildError, type Problem } from "./errors.js";
import { globalKey, postKeys, routeSignature } from "./graph/signature.js";
import { buildSite, type ModelResult } from "./model/site.js";
import type { ParseSettings } from "./parse/post.js";
import { readSources } from "./read.js";
import { siteView } from "./render/context.js";
import { checkTemplates, createEnvironment } from "./render/environment.js";
import { readTemplates } from "./render/templates.js";
import { templateFor } from "./render/context.js";
import { routePages, type RoutePlan } from "./routes/index.js";
import { parseSources } from "./stages/parse.js";
import { planOutput } from "./stages/plan.js";
import { renderRoutes } from "./stages/render.js";
import type { BuildOptions, BuildSummary, SiteConfig, SitePaths } from "./types.js";
import { codeFingerprint, VERSION } from "./version.js";
import { Pool } from "./workers/pool.js";
import type { RenderTarget, WorkerSetup } from "./workers/tasks.js";
import { acquireLock } from "./write/lock.js";
import { commitPatch, commitStaging, createWorkFolder, discardWorkFolder, recoverOutput, besideOutput } from "./write/output.js";
import { copyPublicFiles, listPublicFiles } from "./write/public.js";
import { summarize } from "./summary.js";

/** Below this many jobs a phase runs in this thread: starting workers would cost more than it saves. */
const THREAD_THRESHOLD = 400;

/** The settings parsing depends on: part of the cache key. */
const parseSettings = (config: SiteConfig): ParseSettings => ({
  timezone: config.timezone,
  excerptLength: config.excerptLength,
  encoding: config.encoding,
  siteUrl: config.url,
  basePath: config.basePath,
  jekyll: config.jekyll,
});

/** Where the cache lives: `<root>/.broadsheet-cache` for the default output, else beside the output (a read-only root stays untouched). */
export function cacheFolder(paths: SitePaths, option: string | undefined): string {
  if (option) return path.resolve(option);
  const outInsideRoot = !path.relative(paths.root, paths.out).startsWith("..");
  return outInsideRoot ? path.join(paths.root, ".broadsheet-cache") : besideOutput(paths.out, "broadsheet-cache");
}

/** Builds a site. Resolves with the summary (ok: false under --strict with problems); rejects with BuildError on a fatal user error. */
export async function build(options: BuildOptions = {}): Promise<BuildSummary> {
  const clock = stageClock();
  const { paths, config } = loadSite(options);
  const lock = acquireLock(paths.out);
  const pools: { threads?: Pool; inline?: Pool } = {};
  let workDir: string | undefined;
  try {
    const notes = recoverOutput(paths.out);
    const cacheDir = options.cacheDir === false ? undefined : cacheFolder(paths, options.cacheDir);
    const settings = parseSettings(config);
    const parseKey = globalKey([settings]);
    const loaded = cacheDir ? loadCache(cacheDir, codeFingerprint(), parseKey) : { state: emptyCache(parseKey) };
    const cache: CacheState = loaded.state;
    if (loaded.note) notes.push(loaded.note);

    const sources = clock.time("read", () => readSources(paths, options.drafts ?? false));
    const templates = readTemplates(paths.templates);
    checkTemplates(createEnvironment(templates, config), templates);

    // Pools start lazily: small phases run inline, where starting threads would cost more than it saves.
    const setup: WorkerSetup = { config, parse: settings, templates: [...templates.files.values()], templateHashes: [...templates.hashes] };
    let target: RenderTarget | undefined;
    const threads = options.workers ?? availableParallelism();
    const poolFor = async (jobs: number): Promise<Pool> => {
      const wanted = threads > 0 && jobs >= THREAD_THRESHOLD ? "threads" : "inline";
      let pool = wanted === "threads" ? pools.threads : pools.inline;
      if (!pool) {
        pool = new Pool(wanted === "threads" ? threads : 0);
        pools[wanted] = pool;
        await pool.setup(setup);
        if (target) await pool.target(target);
      }
      return pool;
    };

    const parsed = await clock.timeAsync("parse", () => parseSources(sources.files, cache, poolFor));

    const { model, plan } = clock.time("model", () => modelAndRoutes(parsed.posts, config, options));
    const { site } = model;
    const problems: Problem[] = [...sources.problems, ...parsed.posts.flatMap((p) => p.problems), ...model.problems];
    const skipped: Problem[] = [...parsed.failed, ...model.skipped, ...plan.displaced.values()];
    const view = siteView(site, `broadsheet ${VERSION}`);

    if (options.strict && (problems.length > 0 || skipped.length > 0)) {
      return summarize({ ok: false, site, routes: plan.routes, problems, skipped, notes, model, clock, paths, written: 0, unchanged: 0, deleted: 0 });
    }

    const keys = postKeys(site);
    const global = globalKey([VERSION, config, view]);
    const signatures = plan.routes.map((route) => {
      const template = templateFor(route);
      return routeSignature(route, site, keys, global, template ? templates.hashes.get(template) : undefined);
    });
    const manifest = cache.outputs.get(paths.out);
    const outIdentity = folderIdentity(paths.out);
    const usable = manifest && manifest.ino === outIdentity && outIdentity !== -1 ? manifest : undefined;
    const output = planOutput(plan.routes, signatures, listPublicFiles(paths.public), usable);

    workDir = createWorkFolder(paths.out, output.mode === "full" ? "staging" : "patch");
    const currentDir = output.mode === "patch" ? paths.out : undefined;
    const pathOf = new Map(sources.files.map((file) => [file.id, file.path]));
    target = { site, siteView: view, paths: site.posts.map((entry) => pathOf.get(entry.post.id)!), outDir: workDir, currentDir };

    const rendered = await clock.timeAsync("render", async () => {
      for (const pool of Object.values(pools)) await pool?.target(target!);
      return renderRoutes({
        site,
        siteView: view,
        routes: plan.routes,
        render: output.render,
        pool: poolFor,
        workDir: workDir!,
        currentDir,
        now: options.now ?? Date.now(),
        generator: `broadsheet ${VERSION}`,
        onProgress: options.onProgress,
      });
    });
    skipped.push(...rendered.problems);

    const counts = clock.time("write", () => {
      copyPublicFiles(output.copy, workDir!);
      const changed = [...rendered.writes].filter(([, result]) => result.changed).map(([file]) => file);
      if (output.mode === "full") commitStaging(paths.out, workDir!);
      else commitPatch(paths.out, workDir!, [...changed, ...output.copy.map((file) => file.file)], [...output.remove]);
      workDir = undefined;
      return { written: changed.length + output.copy.length, unchanged: output.mode === "full" ? 0 : plan.routes.length - changed.length, deleted: output.remove.length };
    });

    if (cacheDir) {
      clock.time("cache", () => {
        cache.outputs.set(paths.out, { out: paths.out, ino: folderIdentity(paths.out), files: output.files });
        saveCache(cacheDir, codeFingerprint(), cache);
      });
    }
    return summarize({ ok: true, site, routes: plan.routes, problems, skipped, notes, model, clock, paths, ...counts });
  } catch (error) {
    discardWorkFolder(workDir);
    throw error;
  } finally {
    await Promise.all(Object.values(pools).map((pool) => pool?.close()));
    lock.release();
  }
}

/** The model and its routes; a post whose URL a generated page holds is dropped and the site rebuilt without it. */
function modelAndRoutes(posts: Parameters<typeof buildSite>[0], config: SiteConfig, options: BuildOptions): { model: ModelResult; plan: RoutePlan } {
  const selection = { drafts: options.drafts ?? false, future: options.future ?? false, now: options.now ?? Date.now() };
  let model = buildSite(posts, config, selection);
  let plan = routePages(model.site);
  if (plan.displaced.size > 0) {
    const displaced = plan.displaced;
    model = buildSite(posts, config, { ...selection, exclude: new Set(displaced.keys()) });
    plan = { ...routePages(model.site), displaced };
  }
  return { model, plan };
}

/** Times stages, for the summary and the benchmark. */
export interface StageClock {
  time<T>(stage: string, run: () => T): T;
  timeAsync<T>(stage: string, run: () => Promise<T>): Promise<T>;
  readonly stages: Record<string, number>;
  readonly started: number;
}

function stageClock(): StageClock {
  const stages: Record<string, number> = {};
  const add = (stage: string, since: number): void => {
    stages[stage] = (stages[stage] ?? 0) + (performance.now() - since) / 1000;
  };
  return {
    stages,
    started: performance.now(),
    time(stage, run) {
      const since = performance.now();
      try {
        return run();
      } finally {
        add(stage, since);
      }
    },
    async timeAsync(stage, run) {
      const since = performance.now();
      try {
        return await run();
      } finally {
        add(stage, since);
      }
    },
  };
}

export { BuildError, displayPath };
