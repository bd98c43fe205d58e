// AST → English clauses for method notes and sentences ("involving ISKP, in Afghanistan, from 26 August 2021").
import type { FilterNode, TermNode } from './ast.js';
import { windowEnglish } from './dates.js';
import type { ResolvedFilter } from './resolve.js';

const list = (items: string[], joiner = 'or'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;

const quoted = (s: string) => `“${s}”`;

function termEnglish(t: TermNode, filter: ResolvedFilter): string {
  const r = filter.resolutions.get(t);
  const labels = r && r.kind !== 'point' ? r.labels : [];
  switch (t.field) {
    // actor: matches either side of an event, so "involving", not "by".
    case 'actor': return `involving ${list(labels)}`;
    case 'actor1': return `by ${list(labels)}`;
    case 'actor2': return `against ${list(labels)}`;
    case 'country': case 'admin1': case 'admin2': case 'location': return `in ${list(labels)}`;
    case 'type': return `of type ${list(labels.map(quoted))}`;
    case 'subtype': return `of sub-type ${list(labels.map(quoted))}`;
    case 'disorder': return `of disorder type ${list(labels.map(quoted))}`;
    case 'target': return `targeting ${list(labels)}`;
    case 'dataset': return `in dataset ${list(labels)}`;
    case 'investigation': return `in investigation ${list(labels)}`;
    case 'grade': return `graded ${list(t.values.map((v) => v.text))}`;
    case 'status': return `with status ${list(t.values.map((v) => v.text.replace(/_/g, ' ')))}`;
    case 'text': return `with notes mentioning ${list(t.values.map((v) => quoted(v.text)))}`;
    case 'civilian': return t.yes ? 'targeting civilians' : 'not targeting civilians';
    case 'fatal': return t.yes ? 'with at least one death' : 'with no deaths';
    case 'date': return windowEnglish(t.window);
    case 'bbox': return `inside ${t.south}°–${t.north}° latitude, ${t.west}°–${t.east}° longitude`;
    case 'near': {
      const km = Number.isInteger(t.km) ? t.km : Number(t.km.toFixed(1));
      return `within ${km} km of ${r?.kind === 'point' ? r.label : t.place.text}`;
    }
  }
}

/**
 * English for a whole filter; `omit` drops terms (e.g. the date, which a sentence places itself).
 * Clauses of the top level are joined by ", " for method notes, or by " " inside a sentence.
 */
export function filterEnglish(filter: ResolvedFilter, omit: (t: TermNode) => boolean = () => false, joiner = ', '): string {
  const walk = (n: FilterNode, top: boolean): string | null => {
    switch (n.kind) {
      case 'term':
        return omit(n) ? null : termEnglish(n, filter);
      case 'and': {
        const parts = n.items.map((i) => walk(i, top)).filter((s): s is string => s !== null);
        if (parts.length === 0) return null;
        return top ? mergeSameVerb(parts).join(joiner) : `(${parts.join(' and ')})`;
      }
      case 'or': {
        const parts = n.items.map((i) => walk(i, false)).filter((s): s is string => s !== null);
        return parts.length === 0 ? null : parts.join(' or ');
      }
      case 'not': {
        const inner = walk(n.item, false);
        return inner === null ? null : `not ${inner}`;
      }
    }
  };
  return (filter.root && walk(filter.root, true)) ?? 'all events';
}

/** "involving ISKP", "involving Taliban" → "involving ISKP and Taliban". */
function mergeSameVerb(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const verb = /^(involving|by|against|in) /.exec(p)?.[1];
    const prev = out[out.length - 1];
    if (verb && verb !== 'in' && prev?.startsWith(`${verb} `) && !prev.includes(' or ')) out[out.length - 1] = `${prev} and ${p.slice(verb.length + 1)}`;
    else out.push(p);
  }
  return out;
}
