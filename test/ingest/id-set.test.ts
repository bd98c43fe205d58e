// The set of ids an import has seen: exact, for any text, at any size.
import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/ingest/id-set.js';

describe('IdSet', () => {
  it('answers like a Set for ids of every kind, through many growths', () => {
    const ids = new IdSet();
    const plain = new Set<string>();
    const samples = ['', 'AFG1', 'AFG01', 'afg1', 'Ünïcødé', 'ÉÉ✓x', '日本語', '\u0000', 'x'.repeat(300), '😀'];
    for (let i = 0; i < 200_000; i++) samples.push(`${['YEM', 'SYR', 'ÑAM'][i % 3]}${i >> 1}`);
    for (const s of samples) expect(ids.add(s)).toBe(!plain.has(s) && plain.add(s) !== undefined);
    expect(ids.size).toBe(plain.size);
    for (const s of ['AFG1', 'ÉÉ✓x', 'YEM99999', '😀', '']) expect(ids.has(s)).toBe(true);
    for (const s of ['AFG2', 'ÉÉ✓', 'YEM200001', '😁', ' ']) expect(ids.has(s)).toBe(false);
    expect(ids.add('SYR2')).toBe(false);
  });
});
