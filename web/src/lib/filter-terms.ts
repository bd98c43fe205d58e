// Adding and removing one term of a filter as text, so facets and the map edit the same `q` a person
// types. Values with spaces or quotes are quoted the way the filter language reads them.

export function quoteValue(value: string): string {
  return /^[^\s"():,]+$/.test(value) ? value : `"${value.replace(/"/g, '')}"`;
}

export function term(field: string, value: string): string {
  return `${field}:${quoteValue(value)}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The term as a whole word of the filter (not inside a longer one, not negated). */
function termPattern(t: string): RegExp {
  return new RegExp(`(^|\\s)${escapeRegExp(t)}(?=\\s|$)`);
}

export function hasTerm(filter: string, t: string): boolean {
  return termPattern(t).test(filter);
}

/** Adds the term, or removes it when the filter already has it. */
export function toggleTerm(filter: string, t: string): string {
  if (hasTerm(filter, t)) return filter.replace(termPattern(t), ' ').replace(/\s+/g, ' ').trim();
  return `${filter.trim()} ${t}`.trim();
}

/** Replaces every term of a field (e.g. the map's bbox) with a new one, or drops them when `t` is null. */
export function replaceField(filter: string, field: string, t: string | null): string {
  const without = filter.replace(new RegExp(`(^|\\s)${escapeRegExp(field)}:\\S+`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return t ? `${without} ${t}`.trim() : without;
}
