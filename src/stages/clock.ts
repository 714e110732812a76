// Times a build's stages, for the summary (--verbose) and the benchmark.

/** Stage name → seconds, accumulated. */
export interface StageClock {
  time<T>(stage: string, run: () => T): T;
  timeAsync<T>(stage: string, run: () => Promise<T>): Promise<T>;
  readonly stages: Record<string, number>;
  readonly started: number;
}

/** A clock started now. */
export function stageClock(): StageClock {
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
