// The web app: its built files at /. Pages the app routes itself get index.html (see the not-found
// handler in errors.ts), since a page's state lives in its URL and a shared link must open the app.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolve } from 'node:path';

export async function installStatic(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: resolve(dir), prefix: '/', index: ['index.html'], wildcard: false });
}

/** A page of the app: a GET outside /api and /embed that names no file. */
export function isAppPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  return (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/embed/') && !/\.[a-z0-9]+$/i.test(path);
}
