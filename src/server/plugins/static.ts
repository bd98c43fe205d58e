// The web app: its built files at /. Pages the app routes itself get index.html (see the not-found
// handler in errors.ts), since a page's state lives in its URL and a shared link must open the app.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolve } from 'node:path';

/** Built files under assets/ are named after a hash of their content: a browser keeps them without asking again. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.(js|css)$/;

export async function installStatic(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: resolve(dir),
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    setHeaders: (reply, path) => {
      if (HASHED.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}

/** A page of the app: a GET outside /api and /embed that names no file. */
export function isAppPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  return (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/embed/') && !/\.[a-z0-9]+$/i.test(path);
}
