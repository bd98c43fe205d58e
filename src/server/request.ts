// Small helpers routes share: the signed-in actor, and role checks for what the library leaves to the shell.
import type { FastifyRequest } from 'fastify';
import type { Actor, UserRole } from '../model/desk.js';
import { ApiError, forbidden } from './errors.js';

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new ApiError(401, 'unauthenticated', 'sign in (POST /api/login) or send Authorization: Bearer TOKEN');
  return request.actor;
}

/**
 * Shared data outside investigations (datasets, sightings, published embeds) has no members, so the
 * global role decides: `what` names the action for the message.
 */
export function requireRole(request: FastifyRequest, roles: readonly UserRole[], what: string): Actor {
  const actor = actorOf(request);
  if (!roles.includes(actor.role)) throw forbidden(`${actor.name} (${actor.role}) may not ${what}: that needs the role ${roles.join(' or ')}`);
  return actor;
}

export const EDITORS: readonly UserRole[] = ['admin', 'editor'];
export const WRITERS: readonly UserRole[] = ['admin', 'editor', 'analyst'];
export const ADMINS: readonly UserRole[] = ['admin'];
