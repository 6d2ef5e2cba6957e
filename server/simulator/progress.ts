/** Progress of the backfill, in days: a bar on a terminal, a plain line every few seconds otherwise (logs, CI). */
import cliProgress from 'cli-progress';

export interface Progress {
  advance(days: number, note: string): void;
  finish(): void;
}

const LINE_INTERVAL_MS = 5000;

export function progressReporter(days: number, useBar: boolean, log: (message: string) => void): Progress {
  if (useBar) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'simulator backfill [{bar}] {percentage}% | {value}/{total} days | {note} | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(days, 0, { note: '' });
    return {
      advance: (count, note) => bar.increment(count, { note }),
      finish: () => bar.stop(),
    };
  }
  let done = 0;
  let lastLine = Date.now();
  return {
    advance(count, note) {
      done += count;
      if (Date.now() - lastLine >= LINE_INTERVAL_MS || done === days) {
        lastLine = Date.now();
        log(`backfill: ${done}/${days} days (${Math.round((100 * done) / Math.max(1, days))} %), ${note}`);
      }
    },
    finish() {},
  };
}
