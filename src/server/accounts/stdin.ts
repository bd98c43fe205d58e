// Reads one line (a password) from a stream: from a pipe as it comes, from a terminal without echo.
import type { Readable } from 'node:stream';

export function readSecretLine(input: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => void }): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const raw = Boolean(input.isTTY && input.setRawMode);
    if (raw) input.setRawMode!(true);
    const done = (err: Error | null) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      if (raw) input.setRawMode!(false);
      input.pause();
      if (err) return reject(err);
      const line = text.replace(/\r$/, '');
      resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      const s = chunk.toString();
      for (const ch of s) {
        if (raw && ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\n' || (raw && ch === '\r')) return done(null);
        if (raw && (ch === '\u007f' || ch === '\b')) text = text.slice(0, -1);
        else text += ch;
      }
    };
    const onEnd = () => done(null);
    const onError = (err: Error) => done(err);
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.resume();
  });
}
