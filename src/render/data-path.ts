// Finds the files shipped under data/, from the sources (src/render) or the build (dist/src/render).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['../../data/', '../../../data/'];

/** The path of a shipped data file, e.g. dataFile('themes/default.json'). */
export function dataFile(relative: string): string {
  for (const base of CANDIDATES) {
    const path = fileURLToPath(new URL(base + relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`shipped data file not found: data/${relative}`);
}
