// One place that turns errors into answers: known errors of the library and of the server become 4xx
// with a message meant for people; anything else is logged and answered 500 without its stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { FilterError } from '../../analysis/filter/error.js';
import { GraphicRequestError } from '../../render/of-filter/error.js';
import { RegionError } from '../../analysis/regions.js';
import { ExpectationError } from '../../analysis/series/expectation.js';
import { WindowError } from '../../analysis/series/periods.js';
import { SelectionError } from '../../analysis/series/total.js';
import { PlaceError } from '../../analysis/track.js';
import { AccessError, ConflictError, DeskRuleError, EvidenceTooLargeError, NotFoundError } from '../../model/desk.js';
import { InputFileError } from '../../model/reject.js';
import { AssetConflictError, AssetLookupError } from '../../store/assets/assets.js';
import { DuplicateSightingError } from '../../store/assets/sightings.js';
import { readableInvestigationIds } from '../../store/desk/access.js';
import { LoginError, TooManyAttemptsError } from '../accounts/login.js';
import { PasswordPolicyError } from '../accounts/passwords.js';
import { ApiError } from '../errors.js';
import { isAppPage } from './static.js';

export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  [more: string]: unknown;
}

const WHERE: Record<string, string> = { querystring: 'query parameter', params: 'path parameter', body: 'body field', headers: 'header' };

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** "query parameter "limit": must be <= 1000", naming the field the way the request named it. */
function validationBody(err: FastifyError): ErrorBody {
  const issue = (err.validation as AjvIssue[] | undefined)?.[0];
  const where = WHERE[err.validationContext ?? ''] ?? 'input';
  if (!issue) return { error: 'invalid', message: err.message };
  let path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  let message = issue.message ?? 'is not valid';
  if (issue.keyword === 'required') {
    path = [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
    message = 'is required';
  } else if (issue.keyword === 'additionalProperties') {
    path = [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
    message = `is not known here`;
  } else if (issue.keyword === 'enum') {
    message = `must be one of ${(issue.params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  if (!path) return { error: 'invalid', message: `${where.replace(/ (parameter|field)$/, '')}: ${message}` };
  return { error: 'invalid', message: `${where} "${path}": ${message}`, field: path };
}

/** A denied read answers as if the thing did not exist: a stranger learns nothing of private work. */
async function accessBody(app: FastifyInstance, request: FastifyRequest, err: AccessError): Promise<{ status: number; body: ErrorBody }> {
  const notFound = { status: 404, body: { error: 'not_found', message: `${subjectOf(request)} not found` } };
  if (err.action === 'read') return notFound;
  const name = /^investigation (.+)$/.exec(err.target)?.[1];
  if (name !== undefined && request.actor) {
    const inv = await app.gt.store.db.selectFrom('investigations').select('id').where('name', '=', name).executeTakeFirst();
    const readable = await readableInvestigationIds(app.gt.store.db, request.actor);
    if (inv && readable !== null && !readable.includes(Number(inv.id))) return notFound;
  }
  return { status: 403, body: { error: 'forbidden', message: err.message } };
}

function subjectOf(request: FastifyRequest): string {
  const subject = request.routeOptions.config.subject ?? 'resource';
  const params = (request.params ?? {}) as Record<string, string>;
  const key = params.id ?? params.name;
  return key === undefined ? subject : `${subject} ${key}`;
}

function known(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } | null {
  if (err instanceof ApiError) return { status: err.statusCode, body: { error: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
  if (err instanceof GraphicRequestError) return { status: 400, body: { error: 'invalid', message: err.message, ...(err.field ? { field: err.field } : {}) } };
  if (err instanceof FilterError) {
    // The message carries the filter and a caret under the term at fault.
    return { status: 400, body: { error: 'filter', message: err.message, field: 'q', reason: err.reason, start: err.start, end: err.end, suggestions: err.suggestions } };
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    return { status: 400, body: { error: 'invalid', message: err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '), ...(path ? { field: path } : {}) } };
  }
  if (err instanceof NotFoundError) return { status: 404, body: { error: 'not_found', message: err.message } };
  if (err instanceof ConflictError) return { status: 409, body: { error: 'conflict', message: err.message, expected: err.expected, actual: err.actual } };
  if (err instanceof DuplicateSightingError || err instanceof AssetConflictError) return { status: 409, body: { error: 'conflict', message: err.message } };
  if (err instanceof DeskRuleError) return { status: 422, body: { error: 'rule', message: err.message } };
  if (err instanceof EvidenceTooLargeError) return { status: 413, body: { error: 'too_large', message: err.message } };
  if (err instanceof LoginError) return { status: 401, body: { error: 'login', message: err.message } };
  if (err instanceof TooManyAttemptsError) {
    return { status: 429, body: { error: 'too_many_attempts', message: err.message }, headers: { 'retry-after': String(err.retryAfterSeconds) } };
  }
  if (err instanceof AssetLookupError) return { status: 404, body: { error: 'not_found', message: err.message } };
  for (const cls of [PasswordPolicyError, InputFileError, RegionError, WindowError, ExpectationError, SelectionError, PlaceError]) {
    if (err instanceof cls) return { status: 400, body: { error: 'invalid', message: err.message } };
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { status: 503, body: { error: 'busy', message: 'the store is busy with an import: try again in a moment' }, headers: { 'retry-after': '5' } };
  }
  return null;
}

export function installErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.validation) return reply.code(400).send(validationBody(err));
    if (err instanceof AccessError) {
      const { status, body } = await accessBody(app, request, err);
      return reply.code(status).send(body);
    }
    const mapped = known(err);
    if (mapped) {
      if (mapped.headers) reply.headers(mapped.headers);
      return reply.code(mapped.status).send(mapped.body);
    }
    // Fastify's own client errors (bad JSON, wrong content type, body too large) keep their status.
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: (err.code ?? 'bad_request').toLowerCase(), message: err.message });
    request.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ error: 'internal', message: 'internal error: the server logged it' });
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (app.gt.options.staticDir && isAppPage(request)) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
