// A content-addressed blob store: each file lives at sha256/ab/cd/<hex>, named by the hash of its bytes.
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { EvidenceTooLargeError } from '../model/desk.js';

/** 2 GiB unless configured: large enough for phone video, small enough to catch a wrong file. */
export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export interface StoredBlob {
  /** Lower-case hex SHA-256. */
  sha256: string;
  size: number;
  /** False when the store already held these bytes. */
  created: boolean;
  path: string;
}

export interface PutOptions {
  maxBytes?: number;
  /** Flush to disk before the rename (default true: evidence should survive a power cut). */
  durable?: boolean;
}

const CHUNK = 1 << 20;
const HEX = /^[0-9a-f]{64}$/;

export class BlobStore {
  constructor(readonly root: string) {}

  /** Where the blob with that hash lives (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!HEX.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Copies a file in: the kernel copies it to a temporary file beside the store (copy_file_range, no
   * trip through JavaScript), then the copy is hashed as it will be kept, flushed, and renamed into
   * place. This ran about twice as fast as hashing while writing from JavaScript (bench/evidence.ts), and the
   * hash is of the stored bytes themselves. Past maxBytes nothing is stored.
   */
  async putFile(file: string, opts: PutOptions = {}): Promise<StoredBlob> {
    const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const size = (await stat(file)).size;
    if (size > max) throw new EvidenceTooLargeError(max, size);
    const tmp = await this.tempPath();
    try {
      await copyFile(file, tmp, fsConstants.COPYFILE_EXCL);
      const fh = await open(tmp, 'r+');
      let hashed: { sha256: string; size: number };
      try {
        hashed = await hashHandle(fh, max);
        if (opts.durable !== false) await fh.sync();
      } finally {
        await fh.close();
      }
      return await this.settle(tmp, hashed.sha256, hashed.size);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /**
   * Streams bytes into a temporary file beside the store while hashing them, then renames it into
   * place: a reader never sees a half-written blob, and equal content is stored once.
   */
  async putStream(input: Readable, opts: PutOptions = {}): Promise<StoredBlob> {
    const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const tmp = await this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    const out = await open(tmp, 'wx');
    try {
      // Writes overlap the next read: the hash and the disk each get the chunk as soon as it arrives.
      let pending: Promise<unknown> = Promise.resolve();
      for await (const chunk of input as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > max) throw new EvidenceTooLargeError(max, size);
        hash.update(chunk);
        await pending;
        pending = writeAll(out, chunk);
      }
      await pending;
      if (opts.durable !== false) await out.sync();
    } catch (err) {
      await out.close().catch(() => undefined);
      await rm(tmp, { force: true });
      input.destroy();
      throw err;
    }
    await out.close();
    return this.settle(tmp, hash.digest('hex'), size);
  }

  private async tempPath(): Promise<string> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    return join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  }

  /** Moves a hashed temporary file to its address (or drops it when the store already holds those bytes). */
  private async settle(tmp: string, sha256: string, size: number): Promise<StoredBlob> {
    const path = this.pathOf(sha256);
    const existed = await stat(path).then(
      () => true,
      () => false,
    );
    if (existed) {
      await rm(tmp, { force: true });
    } else {
      await mkdir(join(path, '..'), { recursive: true });
      await rename(tmp, path);
    }
    return { sha256, size, created: !existed, path };
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** The SHA-256 of the bytes now on disk for that blob, or null when the file is gone. */
  async rehash(sha256: string): Promise<string | null> {
    if (!(await this.has(sha256))) return null;
    const fh = await open(this.pathOf(sha256), 'r');
    try {
      return (await hashHandle(fh, Number.POSITIVE_INFINITY)).sha256;
    } finally {
      await fh.close();
    }
  }

  openRead(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256), { highWaterMark: CHUNK });
  }
}

/** Hashes a whole file through one reused buffer; stops with EvidenceTooLargeError past `max` bytes. */
async function hashHandle(fh: FileHandle, max: number): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(4 * CHUNK);
  let size = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, size);
    if (bytesRead === 0) break;
    size += bytesRead;
    if (size > max) throw new EvidenceTooLargeError(max, size);
    hash.update(buf.subarray(0, bytesRead));
  }
  return { sha256: hash.digest('hex'), size };
}

/** FileHandle.write may write less than asked; loop until the whole chunk is on its way to disk. */
async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}
