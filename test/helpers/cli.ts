// Runs the built CLI as a user would (npm test builds it first).
import { spawn } from 'node:child_process';

const BIN = new URL('../../bin/groundtruth.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs the CLI and parses its JSON output, failing loudly with stderr when it did not succeed. */
export async function cliJson<T = unknown>(args: string[], opts: Parameters<typeof cli>[1] = {}): Promise<T> {
  const r = await cli(args, opts);
  if (r.code !== 0) throw new Error(`groundtruth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
