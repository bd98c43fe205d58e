// Receives a multipart upload: form fields as text, and one file streamed to disk as it arrives (never
// held in memory), under a folder of its own named after nothing the client chose.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors.js';

export interface Upload {
  fields: Record<string, string>;
  file: { path: string; dir: string; name: string; size: number };
}

/** The client's file name, reduced to a plain name (no folders, no control characters). */
export function safeFileName(name: string | undefined): string {
  const plain = basename((name ?? '').replace(/\\/g, '/'))
    .split('')
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return plain === '' || plain === '.' || plain === '..' ? 'upload' : plain.slice(-200);
}

/**
 * Reads the parts in order. `beforeFile` runs when the file part begins, with the fields seen so far,
 * so rights can be checked before any byte is stored.
 */
export async function receiveUpload(request: FastifyRequest, root: string, beforeFile?: (fields: Record<string, string>) => Promise<void>): Promise<Upload> {
  if (!request.isMultipart()) throw badRequest('send the file as multipart/form-data, in a part named "file"', 'file');
  const fields: Record<string, string> = {};
  let file: Upload['file'] | null = null;
  let dir: string | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname in fields) throw badRequest(`form field "${part.fieldname}": given twice`, part.fieldname);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') throw badRequest(`form part "${part.fieldname}": the file goes in a part named "file"`, part.fieldname);
      await beforeFile?.(fields);
      await mkdir(root, { recursive: true });
      dir = await mkdtemp(join(root, 'upload-'));
      const name = safeFileName(part.filename);
      const path = join(dir, name);
      await pipeline(part.file, createWriteStream(path, { flags: 'wx' }));
      file = { path, dir, name, size: part.file.bytesRead };
    }
  } catch (err) {
    if (dir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  if (!file) throw badRequest('form part "file": is required', 'file');
  return { fields, file };
}
