// The one way the desk talks to the server: same-origin JSON with the session cookie, the CSRF token on
// every request that changes something, and the server's error body kept whole for the page to show.
import { takeEarly } from './early.js';

/** An answer of 4xx/5xx with the server's body: `message` is meant for people, `field` names the culprit. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get field(): string | undefined {
    return typeof this.body.field === 'string' ? this.body.field : undefined;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the session ends under the desk's feet, so the app can show the login page. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const SAFE = new Set(['GET', 'HEAD']);

async function errorOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    body = { message: `${response.status} ${response.statusText}` };
  }
  const message = typeof body.message === 'string' ? body.message : `${response.status} ${response.statusText}`;
  return new ApiError(response.status, typeof body.error === 'string' ? body.error : 'error', message, body);
}

export async function request(method: string, path: string, init: { json?: unknown; body?: BodyInit; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: init.signal });
  if (!response.ok) {
    const err = await errorOf(response);
    if (response.status === 401 && path !== '/api/login') onUnauthenticated?.();
    throw err;
  }
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const early = takeEarly(path, signal);
  const response = (early && (await early)) ?? (await request('GET', path, { signal }));
  return (await response.json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<T> {
  const response = await request(method, path, json === undefined ? {} : { json });
  return (response.status === 204 ? null : await response.json()) as T;
}

/** A query string from the parameters that have a value. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A multipart upload with progress: fetch cannot report upload progress, XMLHttpRequest can.
 * Resolves with the parsed JSON answer; rejects with an ApiError carrying the server's message.
 */
export function upload<T>(path: string, form: FormData, onProgress: (sent: number, total: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.responseType = 'json';
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload did not reach the server', {}));
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Record<string, unknown>;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (xhr.status === 401) onUnauthenticated?.();
      reject(new ApiError(xhr.status, typeof body.error === 'string' ? body.error : 'error', typeof body.message === 'string' ? body.message : `upload failed (${xhr.status})`, body));
    };
    xhr.send(form);
  });
}
