// A progress line for long builds on a terminal: pages done of total, rate and time left. Silent
// when the stream is not a TTY, and for builds shorter than a second.

/** Updates a one-line progress display; `done` clears it. */
export interface ProgressReporter {
  readonly update: (done: number, total: number) => void;
  readonly done: () => void;
}

const DELAY_MS = 1000;
const INTERVAL_MS = 100;

/** A reporter writing to `stream` when it is a terminal; undefined otherwise. */
export function progressReporter(stream: NodeJS.WriteStream): ProgressReporter | undefined {
  if (!stream.isTTY) return undefined;
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < DELAY_MS || now - last < INTERVAL_MS) return;
      last = now;
      const rate = done / ((now - started) / 1000);
      const left = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
      stream.write(`\r\x1b[2Krendering ${done}/${total} pages · ${Math.round(rate)}/s · ${left.toFixed(0)} s left`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
