// "Did you mean": the known names nearest to what was typed, by edit distance over folded names.
import { foldName } from '../model/names.js';

/** Levenshtein distance with a cut-off: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `limit` candidates closest to `typed`, ignoring case and accents. A candidate that contains the
 * typed text (or is contained in it) ranks as close, so "Khorasan" finds "Islamic State Khorasan Province".
 */
export function suggest(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const key = foldName(typed);
  const max = Math.max(2, Math.floor(key.length / 3));
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const k = foldName(name);
    let score = editDistance(key, k, max);
    if (score > max && key.length >= 3 && (k.includes(key) || key.includes(k))) score = max;
    if (score <= max) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}
