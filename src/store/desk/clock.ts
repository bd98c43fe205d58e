// One clock for the desk: ISO 8601 UTC with milliseconds, comparable as text in every engine.
export function nowIso(): string {
  return new Date().toISOString();
}
