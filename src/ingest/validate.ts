// Turns a reader's draft record into a validated EventRecord or a RowReject.
import { eventRecordSchema, type EventRecord } from '../model/event.js';
import type { RowReject } from '../model/reject.js';
import { rowToCsv } from './csv.js';

/** Validates one draft; on failure names the first field at fault and why. */
export function validateRecord(draft: unknown, line: number, fields: string[]): { record: EventRecord } | { reject: RowReject } {
  const parsed = eventRecordSchema.safeParse(draft);
  if (parsed.success) return { record: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : '(row)';
  const value = issue.path.length ? (draft as Record<string, unknown>)[String(issue.path[0])] : undefined;
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  return { reject: { line, field, reason: `${issue.message}${shown}`, raw: rowToCsv(fields) } };
}

/** A reject for a value that could not even be parsed into a draft. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function rejectFromError(err: unknown, line: number, fields: string[]): RowReject {
  if (err instanceof FieldError) return { line, field: err.field, reason: err.message, raw: rowToCsv(fields) };
  throw err;
}
