// Packed batches as they cross from a reading thread to the main thread: their texts as UTF-8 in one transferred
// buffer. A string message waiting in the main thread's queue lives on its heap until a full collection, however
// short its use; a transferred buffer is moved, not copied, and its bytes live outside the heap.
import type { PackedRows, PackedValue } from '../store/packed-rows.js';

export interface WirePacked {
  bytes: Uint8Array;
  /** Per batch: its row count, and where its text ends in `bytes` (or its plain values). */
  batches: { count: number; end: number; values: PackedValue[] | null }[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toWire(packed: PackedRows[]): { wire: WirePacked; transfer: ArrayBuffer[] } {
  let size = 0;
  for (const p of packed) if (p.text !== null) size += Buffer.byteLength(p.text, 'utf8');
  const bytes = new Uint8Array(size);
  let at = 0;
  const batches = packed.map((p) => {
    if (p.text !== null) at += encoder.encodeInto(p.text, bytes.subarray(at)).written;
    return { count: p.count, end: at, values: p.values };
  });
  return { wire: { bytes, batches }, transfer: [bytes.buffer as ArrayBuffer] };
}

/** The batches again, each decoded only when asked for (so that one at a time is on the heap). */
export function* fromWire(wire: WirePacked): Generator<PackedRows> {
  let at = 0;
  for (const b of wire.batches) {
    if (b.values !== null) {
      yield { count: b.count, text: null, values: b.values };
      continue;
    }
    const text = decoder.decode(wire.bytes.subarray(at, b.end));
    at = b.end;
    yield { count: b.count, text, values: null };
  }
}
