// Requests arriving together share one read, and no request joins a read that started before it arrived.
import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/server/coalesce.js';

describe('Coalescer', () => {
  it('shares a read among the requests that arrive before it starts, and only those', async () => {
    let reads = 0;
    let value = 'a';
    const c = new Coalescer<string>();
    const run = async () => {
      reads++;
      const seen = value;
      await new Promise((r) => setTimeout(r, 20));
      return seen;
    };
    const first = [c.read('k', run), c.read('k', run), c.read('k', run)];
    const other = c.read('other', run);
    // The read has started: a change after it is seen by the next request, which reads again.
    await new Promise((r) => setImmediate(r));
    value = 'b';
    const later = c.read('k', run);
    expect(await Promise.all(first)).toEqual(['a', 'a', 'a']);
    expect(await other).toBe('a');
    expect(await later).toBe('b');
    expect(reads).toBe(3);
  });

  it('passes a failure to every request of the batch, and forgets it', async () => {
    const c = new Coalescer<number>();
    const boom = () => Promise.reject(new Error('boom'));
    await expect(Promise.all([c.read('k', boom), c.read('k', boom)])).rejects.toThrow('boom');
    expect(await c.read('k', async () => 7)).toBe(7);
  });
});
