/** Progress of the backfill: a bar on a terminal, a plain line every few seconds otherwise (logs, CI). */
import cliProgress from 'cli-progress';

export interface Progress {
  advance(events: number, note: string): void;
  finish(): void;
}

const LINE_INTERVAL_MS = 5000;

export function progressReporter(total: number, useBar: boolean, log: (message: string) => void): Progress {
  if (useBar) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'simulator backfill [{bar}] {percentage}% | {value}/{total} events | {note} | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { note: '' });
    return {
      advance: (events, note) => bar.increment(events, { note }),
      finish: () => bar.stop(),
    };
  }
  let done = 0;
  let lastLine = Date.now();
  return {
    advance(events, note) {
      done += events;
      if (Date.now() - lastLine >= LINE_INTERVAL_MS || done === total) {
        lastLine = Date.now();
        log(`backfill: ${done}/${total} events (${Math.round((100 * done) / Math.max(1, total))} %), ${note}`);
      }
    },
    finish() {},
  };
}
