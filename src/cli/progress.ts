// A progress line with rows per second, only when a person is watching a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  update(rows: number): void;
  stop(): void;
}

export function rowProgress(enabled: boolean, label: string): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    { format: `${label} {rows} rows | {rate} rows/s | {duration_formatted}`, stream: process.stderr, hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { rows: '0', rate: '0' });
  return {
    update(rows) {
      const secs = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(0, { rows: rows.toLocaleString('en-GB'), rate: Math.round(rows / secs).toLocaleString('en-GB') });
    },
    stop() {
      bar.stop();
    },
  };
}
