// Coalesces bursts of file events into batches, and runs one batch at a time: an editor's double
// write or five hundred posts dropped at once make one rebuild, and builds never overlap.

/** Items gathered until the stream goes quiet, handed over one batch at a time. */
export class BatchQueue<T> {
  private pending: T[] = [];
  private firstAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  /**
   * @param run handles a batch; the next batch waits for it
   * @param settleMs how long the stream must be quiet before a batch is handed over
   * @param maxWaitMs a never-quiet stream is handed over at least this often
   */
  constructor(
    private readonly run: (batch: T[]) => Promise<void>,
    private readonly settleMs = 20,
    private readonly maxWaitMs = 1000,
  ) {}

  /** Adds an item; it is handed over once the stream settles and no batch is running. */
  push(item: T): void {
    if (this.closed) return;
    if (this.pending.length === 0) this.firstAt = performance.now();
    this.pending.push(item);
    if (!this.running) this.schedule();
  }

  /** Resolves when nothing is pending or running. */
  async idle(): Promise<void> {
    while (this.running || this.pending.length) {
      await (this.running ?? new Promise((resolve) => setTimeout(resolve, this.settleMs)));
    }
  }

  /** Drops what is pending and waits for the running batch. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending = [];
    await this.running;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const waited = performance.now() - this.firstAt;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.settleMs, this.maxWaitMs - waited)));
  }

  private flush(): void {
    if (this.running || this.pending.length === 0 || this.closed) return;
    const batch = this.pending;
    this.pending = [];
    this.running = this.run(batch)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.pending.length) this.schedule();
      });
  }
}
