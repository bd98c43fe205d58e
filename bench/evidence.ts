// Evidence add throughput (hash + copy into the blob store + type + metadata + record) against
// `sha256sum` over the same files in the same run. Usage: node --import tsx bench/evidence.ts [--mb 1024] [--files 16]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addEvidence } from '../src/evidence/add.js';
import { blobStoreFor } from '../src/evidence/location.js';
import { createInvestigation } from '../src/store/desk/investigations.js';
import { ensureUser } from '../src/store/desk/users.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

export interface EvidenceBenchOptions {
  /** Total size of the generated files, in MiB. */
  mb?: number;
  files?: number;
  /** Where to generate (a temporary directory by default); removed afterwards either way. */
  dir?: string;
}

export interface EvidenceBenchResult {
  files: number;
  bytes: number;
  sha256sum_s: number;
  sha256sum_mib_s: number;
  evidence_add_s: number;
  evidence_add_mib_s: number;
  /** evidence add throughput ÷ sha256sum throughput (target ≥ 0.8). */
  ratio: number;
}

const MiB = 1024 * 1024;

/** Files of distinct pseudo-random content (each MiB stamped with its file and position). */
async function generate(dir: string, files: number, mbEach: number): Promise<string[]> {
  const base = randomBytes(MiB);
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const path = join(dir, `evidence-${String(f).padStart(3, '0')}.bin`);
    const fh = await open(path, 'w');
    try {
      for (let m = 0; m < mbEach; m++) {
        const chunk = Buffer.from(base);
        chunk.writeUInt32LE(f, 0);
        chunk.writeUInt32LE(m, 4);
        await fh.write(chunk);
      }
    } finally {
      await fh.close();
    }
    paths.push(path);
  }
  return paths;
}

function sha256sum(paths: string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('sha256sum', paths, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sha256sum exited ${code}: ${err}`));
      const map = new Map<string, string>();
      for (const line of out.trim().split('\n')) {
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        if (m) map.set(m[2]!, m[1]!);
      }
      resolve(map);
    });
  });
}

export async function runEvidenceBench(opts: EvidenceBenchOptions = {}): Promise<EvidenceBenchResult> {
  const files = opts.files ?? 16;
  const mbEach = Math.max(1, Math.round((opts.mb ?? 1024) / files));
  const dir = await mkdtemp(join(opts.dir ?? tmpdir(), 'groundtruth-bench-evidence-'));
  try {
    const paths = await generate(dir, files, mbEach);
    const bytes = files * mbEach * MiB;
    await sha256sum(paths.slice(0, 1)); // warm the binary and the cache alike for both contenders

    let t = performance.now();
    const expected = await sha256sum(paths);
    const sumSeconds = (performance.now() - t) / 1000;

    const store = await openSqliteStore(join(dir, 'bench.db'));
    try {
      const user = await ensureUser(store.db, 'bench', 'analyst');
      const actor = { name: user.name, role: user.role };
      await createInvestigation(actor, store.db, { name: 'bench', title: 'Evidence benchmark' });
      const blobs = blobStoreFor(store);
      t = performance.now();
      for (const path of paths) {
        const e = await addEvidence(actor, store.db, blobs, path, { investigation: 'bench' });
        // The benchmark is only worth its numbers if both sides agree on every hash.
        if (e.hash !== `SHA-256:${expected.get(path)}`) throw new Error(`hash mismatch for ${path}: ${e.hash} vs ${expected.get(path)}`);
      }
      const addSeconds = (performance.now() - t) / 1000;
      const mib = bytes / MiB;
      return {
        files,
        bytes,
        sha256sum_s: round(sumSeconds),
        sha256sum_mib_s: round(mib / sumSeconds),
        evidence_add_s: round(addSeconds),
        evidence_add_mib_s: round(mib / addSeconds),
        ratio: round(sumSeconds / addSeconds),
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const r = await runEvidenceBench({ mb: arg('mb'), files: arg('files') });
  console.log(`evidence add over ${r.files} files, ${(r.bytes / MiB).toFixed(0)} MiB (hash + copy into the blob store + sniff + metadata + record):`);
  console.log(`  sha256sum     ${r.sha256sum_s.toFixed(2)} s  ${r.sha256sum_mib_s.toFixed(0)} MiB/s`);
  console.log(`  evidence add  ${r.evidence_add_s.toFixed(2)} s  ${r.evidence_add_mib_s.toFixed(0)} MiB/s`);
  console.log(`  ratio         ${r.ratio.toFixed(2)}× sha256sum (target ≥ 0.80)`);
}
