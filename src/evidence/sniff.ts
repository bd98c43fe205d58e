// What a file is, from its bytes (magic numbers), never from its name.
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { fileTypeFromFile } from 'file-type';

export interface SniffedType {
  mime: string;
  ext: string | null;
}

/**
 * The type file-type recognises; failing that, text/plain when the first 64 KiB are valid UTF-8 without
 * NUL bytes (notes, transcripts, CSV, JSON have no magic number); null for bytes nobody knows.
 */
export async function sniffType(path: string): Promise<SniffedType | null> {
  const t = await fileTypeFromFile(path);
  if (t) return { mime: t.mime, ext: t.ext };
  return (await looksLikeText(path)) ? { mime: 'text/plain', ext: null } : null;
}

async function looksLikeText(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    if (bytesRead === 0) return false;
    const head = buf.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    // A multi-byte character cut at the end of the sample is not a reason to call the file binary.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      decoder.decode(head, { stream: true });
      return true;
    } catch {
      return false;
    }
  } finally {
    await fh.close();
  }
}
