// npm run bench: every benchmark in one run, each reported as a ratio to a baseline measured in the same run.
// Usage: npm run bench [-- --rows N] [-- --only import,analysis,server,explore,render,evidence]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runImportBench } from './import.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const rows = Number(arg('rows') ?? 2_500_000);
// Everything by default; the import benchmark builds the stores that analysis and server read.
const only = new Set((arg('only') ?? 'import,analysis,server,explore,render,evidence').split(','));
const dir = join(process.cwd(), 'bench', 'out');
mkdirSync(dir, { recursive: true });

function print(title: string, rows: Record<string, unknown>[]) {
  console.log(`\n## ${title}`);
  console.table(rows);
}

if (only.has('import')) {
  const r = await runImportBench({ rows, dir, keep: only.size > 1 });
  print(`import of ${rows.toLocaleString('en-GB')} ACLED rows`, r.rows as unknown as Record<string, unknown>[]);
}

if (only.has('analysis')) {
  // Reads the stores and the file the import benchmark leaves in bench/out (run it first, or in the same run).
  const { runAnalysisBench } = await import('./analysis.js');
  const r = await runAnalysisBench({ sqlite: join(dir, 'bench.db'), postgres: 'postgres://postgres@127.0.0.1:5432/groundtruth_bench', csv: join(dir, `acled-${rows}.csv`) });
  print('analysis on the import benchmark stores', r.rows as unknown as Record<string, unknown>[]);
}

if (only.has('server')) {
  // Serves the stores the import benchmark leaves (run it first, or in the same run).
  const { runServerBench } = await import('./server.js');
  const r = await runServerBench({ locations: [join(dir, 'bench.db'), 'postgres://postgres@127.0.0.1:5432/groundtruth_bench'] });
  print('GET /api/figure, 20 concurrent clients', r.rows as unknown as Record<string, unknown>[]);
}

if (only.has('explore')) {
  // Chromium on the Explore page of the stores the import benchmark leaves (run it first, or in the same run).
  const { runExploreBench } = await import('./explore.js');
  const r = await runExploreBench({ locations: [join(dir, 'bench.db'), 'postgres://postgres@127.0.0.1:5432/groundtruth_bench'] });
  print('Explore page in Chromium, the busiest country: figure, timeline and map shown', r.rows as unknown as Record<string, unknown>[]);
}

if (only.has('render')) {
  const { runRenderBench } = await import('./render.js');
  print('graphics, median of warm runs', (await runRenderBench()) as unknown as Record<string, unknown>[]);
}

if (only.has('evidence')) {
  const { runEvidenceBench } = await import('./evidence.js');
  print('evidence add against sha256sum over the same 1 GiB', [(await runEvidenceBench({ dir })) as unknown as Record<string, unknown>]);
}
