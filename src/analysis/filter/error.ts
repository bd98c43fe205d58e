// A filter that cannot be understood: the message names the term and points at it under the filter text.

export class FilterError extends Error {
  constructor(
    /** What is wrong, without the pointer ("unknown field "contry""). */
    readonly reason: string,
    readonly filter: string,
    /** Character offsets of the offending part, end exclusive. */
    readonly start: number,
    readonly end: number,
    /** Nearest known names, best first, when the term named something unknown. */
    readonly suggestions: string[] = [],
  ) {
    super(formatFilterError(reason, filter, start, end, suggestions));
    this.name = 'FilterError';
  }
}

function formatFilterError(reason: string, filter: string, start: number, end: number, suggestions: string[]): string {
  const from = Math.max(0, Math.min(start, filter.length));
  const width = Math.max(1, Math.min(end, filter.length) - from);
  const lines = [`${reason}:`, `  ${filter}`, `  ${' '.repeat(from)}${'^'.repeat(width)}`];
  if (suggestions.length > 0) lines.push(`did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}?`);
  return lines.join('\n');
}
