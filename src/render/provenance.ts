// The source line: which datasets, credited as their licences ask, and when they were accessed.
import { formatDate } from './format.js';
import type { Provenance, ProvenanceDataset } from './types.js';

function credit(d: ProvenanceDataset): string {
  let text = d.title?.trim() || d.name;
  const attribution = d.attribution?.trim();
  if (attribution && !text.includes(attribution)) text += `, ${attribution}`;
  if (d.access_date) text += ` (accessed ${/^\d{4}-\d{2}-\d{2}/.test(d.access_date) ? formatDate(d.access_date.slice(0, 10)) : d.access_date})`;
  return text;
}

/**
 * "Source: …" (with any other credits, such as "Boundaries: Natural Earth", after it) and, when a filter
 * was applied, "Selection: …": one line each.
 */
export function sourceLines(provenance: Provenance | undefined, otherCredits: string[] = []): string[] {
  const credits = [...new Set((provenance?.datasets ?? []).map(credit))];
  const lines: string[] = [];
  const parts = credits.length ? [`${credits.length > 1 ? 'Sources' : 'Source'}: ${credits.join('; ')}.`] : [];
  parts.push(...otherCredits.map((c) => `${c.replace(/\.$/, '')}.`));
  if (parts.length) lines.push(parts.join(' '));
  const filter = provenance?.filter_english?.trim();
  if (filter) lines.push(`Selection: ${filter.replace(/\.$/, '')}.`);
  return lines;
}
