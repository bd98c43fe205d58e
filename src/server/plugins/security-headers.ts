// Security headers on every answer. The desk allows nothing from other origins and no framing;
// published embeds (/embed/*) must work inside any newsroom's page, so they get their own policy.
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The desk: its own scripts, styles and data only; images may be data: or blob: URLs (maps, previews). */
export const DESK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A self-contained graphic: the embed's inline style and height script, images as data: URLs, nothing
 * fetched from anywhere. `frameAncestors` is * for published embeds and 'self' for previews in the desk.
 */
export function graphicCsp(frameAncestors: '*' | "'self'"): string {
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`;
}

/** Marks an answer as a framed graphic (an HTML embed or its preview), replacing the desk's policy. */
export function useGraphicPolicy(reply: FastifyReply, frameAncestors: '*' | "'self'"): void {
  reply.header('content-security-policy', graphicCsp(frameAncestors));
  if (frameAncestors === '*') reply.removeHeader('x-frame-options');
  else reply.header('x-frame-options', 'SAMEORIGIN');
  reply.removeHeader('cross-origin-opener-policy');
}

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const embed = request.url.startsWith('/embed/');
    reply.headers({
      'x-content-type-options': 'nosniff',
      // URLs carry filters and investigation names: never send them to another site.
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    });
    if (embed) {
      reply.header('content-security-policy', graphicCsp('*'));
    } else {
      reply.headers({ 'content-security-policy': DESK_CSP, 'x-frame-options': 'DENY', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin' });
    }
    // Answers of the API are private to the person who asked.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
