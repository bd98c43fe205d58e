// Answers asked for before the page that reads them has loaded. A page opened from its address knows
// from the address alone what it will ask first, so those requests need not wait for the page's code,
// nor for the session check: the desk asks them as it starts, and the page's own request for the same
// path takes the answer (once, and only a good answer: anything else is asked again, as usual).
const FRESH_MS = 10_000;

const asked = new Map<string, Promise<Response | null>>();

export function askEarly(path: string): void {
  if (asked.has(path)) return;
  const response = fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).catch(() => null);
  asked.set(path, response);
  // Not taken by then (the reader was signed out, or went elsewhere): too old to show.
  setTimeout(() => {
    if (asked.get(path) === response) asked.delete(path);
  }, FRESH_MS);
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    else signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

/**
 * The early answer for this path: null when none was asked (then nothing is awaited, and the request
 * goes out as it always did); else a promise of it, or of null when it was no good (ask as usual).
 */
export function takeEarly(path: string, signal?: AbortSignal): Promise<Response | null> | null {
  const response = asked.get(path);
  if (!response) return null;
  asked.delete(path);
  return (signal ? Promise.race([response, aborted(signal)]) : response).then((answer) => (answer?.ok ? answer : null));
}
