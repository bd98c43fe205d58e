// Filter text → AST. Terms side by side must all hold; OR binds tighter than that (as in web search,
// `actor:ISKP country:AFG OR country:PAK` is ISKP in either country); "-" or NOT negates; parentheses group.
import { GRADES, STATUSES } from '../../model/desk.js';
import { suggest } from '../suggest.js';
import { NAME_FIELDS, type DateWindow, type FilterNode, type Term, type TermNode, type Value } from './ast.js';
import { partialDate } from './dates.js';
import { FilterError } from './error.js';
import { lex, splitValues, unquote, type Token } from './lex.js';

export const FIELDS = [
  ...NAME_FIELDS, 'country', 'near', 'bbox', 'date', 'civilian', 'fatal', 'text', 'dataset', 'investigation', 'grade', 'status',
] as const;

/** Parses a filter; an empty filter is null (everything). */
export function parseFilter(text: string): FilterNode | null {
  const tokens = lex(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (reason: string, start: number, end: number, suggestions: string[] = []): never => {
    throw new FilterError(reason, text, start, end, suggestions);
  };

  const startsOperand = (t: Token | undefined) => t !== undefined && t.kind !== 'close' && t.kind !== 'or';

  function parseAnd(): FilterNode {
    const items: FilterNode[] = [];
    for (;;) {
      const t = peek();
      if (t?.kind === 'and') {
        if (items.length === 0) fail('AND needs a term before it', t.start, t.end);
        pos++;
        if (!startsOperand(peek())) fail('AND needs a term after it', t.start, t.end);
        continue;
      }
      if (!startsOperand(t)) break;
      items.push(parseOr());
    }
    if (items.length === 0) {
      const t = peek();
      fail(t ? `unexpected ${t.kind === 'or' ? 'OR' : '")"'}` : 'empty group', t?.start ?? text.length, t?.end ?? text.length + 1);
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items, start: items[0]!.start, end: items[items.length - 1]!.end };
  }

  function parseOr(): FilterNode {
    const items = [parseUnary()];
    while (peek()?.kind === 'or') {
      const or = peek()!;
      pos++;
      if (!startsOperand(peek()) || peek()?.kind === 'and') fail('OR needs a term after it', or.start, or.end);
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items, start: items[0]!.start, end: items[items.length - 1]!.end };
  }

  function parseUnary(): FilterNode {
    const t = peek()!;
    if (t.kind === 'minus' || t.kind === 'not') {
      pos++;
      if (!startsOperand(peek()) || peek()?.kind === 'and') fail(`${t.kind === 'not' ? 'NOT' : '"-"'} needs a term after it`, t.start, t.end);
      const item = parseUnary();
      return { kind: 'not', item, start: t.start, end: item.end };
    }
    if (t.kind === 'open') {
      pos++;
      if (peek()?.kind === 'close') fail('empty parentheses', t.start, peek()!.end);
      const inner = parseAnd();
      if (peek()?.kind !== 'close') fail('unclosed parenthesis', t.start, t.end);
      pos++;
      return inner;
    }
    pos++;
    if (t.kind === 'word') return { kind: 'term', field: 'text', values: [t.value], start: t.start, end: t.end };
    if (t.kind === 'term') return parseTerm(t);
    return fail(`unexpected ${t.kind.toUpperCase()}`, t.start, t.end);
  }

  function parseTerm(t: Extract<Token, { kind: 'term' }>): FilterNode {
    const field = t.field;
    if (!(FIELDS as readonly string[]).includes(field)) {
      fail(`unknown field "${field}"`, t.start, t.fieldEnd, suggest(field, FIELDS));
    }
    if (t.raw === '') fail(`${field}: needs a value`, t.start, t.end);
    const span = { start: t.start, end: t.end };
    const node = (term: Term): TermNode => ({ ...term, ...span, kind: 'term' });

    if (field === 'near') return node(parseNear(t.raw, t.rawStart));
    if (field === 'bbox') return node(parseBbox(t.raw, t.rawStart));

    const values = splitValues(t.raw, t.rawStart);
    for (const v of values) if (v.text === '') fail(`${field}: empty value`, v.start, Math.max(v.end, v.start + 1));

    switch (field) {
      case 'date': {
        const terms = values.map((v) => node({ field: 'date', window: parseWindow(v), written: v.text }));
        return terms.length === 1 ? terms[0]! : { kind: 'or', items: terms, ...span };
      }
      case 'civilian':
      case 'fatal': {
        if (values.length !== 1) fail(`${field}: takes yes or no`, t.rawStart, t.end);
        const yes = yesNo(values[0]!);
        return node({ field, yes });
      }
      case 'grade':
        for (const v of values) oneOf(v, 'grade', GRADES);
        return node({ field, values: values.map((v) => ({ ...v, text: v.text.toLowerCase() })) });
      case 'status':
        for (const v of values) v.text = v.text.toLowerCase().replace(/[\s-]+/g, '_');
        for (const v of values) oneOf(v, 'status', STATUSES);
        return node({ field, values });
      case 'country':
      case 'dataset':
      case 'investigation':
      case 'text':
        return node({ field, values });
      default:
        return node({ field: field as (typeof NAME_FIELDS)[number], values });
    }
  }

  function oneOf(v: Value, field: string, allowed: readonly string[]): void {
    if (!allowed.includes(v.text)) fail(`${field}: "${v.text}" is not one of ${allowed.join(', ')}`, v.start, v.end, suggest(v.text, allowed));
  }

  function yesNo(v: Value): boolean {
    const s = v.text.toLowerCase();
    if (s === 'yes' || s === 'true') return true;
    if (s === 'no' || s === 'false') return false;
    return fail(`expected yes or no, not "${v.text}"`, v.start, v.end);
  }

  function parseWindow(v: Value): DateWindow {
    const dots = v.text.indexOf('..');
    const part = (s: string, offset: number, which: 'start' | 'end'): string | null => {
      if (s === '') return null;
      const d = partialDate(s);
      if ('error' in d) return fail(d.error, v.start + offset, v.start + offset + s.length);
      return d[which];
    };
    if (dots === -1) {
      const d = partialDate(v.text);
      if ('error' in d) return fail(d.error, v.start, v.end);
      return d;
    }
    const a = v.text.slice(0, dots);
    const b = v.text.slice(dots + 2);
    if (a === '' && b === '') fail('a date range needs at least one end', v.start, v.end);
    const window = { start: part(a, 0, 'start'), end: part(b, dots + 2, 'end') };
    if (window.start !== null && window.end !== null && window.start > window.end) fail(`the range ends (${b}) before it starts (${a})`, v.start, v.end);
    return window;
  }

  function parseNear(raw: string, rawStart: number): Term {
    const tilde = raw.lastIndexOf('~');
    const placeRaw = tilde === -1 ? raw : raw.slice(0, tilde);
    let km = DEFAULT_NEAR_KM;
    if (tilde !== -1) {
      const r = /^(\d+(?:\.\d+)?)\s*(km|m|mi)?$/i.exec(raw.slice(tilde + 1));
      if (!r) fail('near: a radius is written like ~25km, ~500m or ~10mi', rawStart + tilde, rawStart + raw.length);
      const n = Number(r![1]);
      const unit = (r![2] ?? 'km').toLowerCase();
      km = unit === 'm' ? n / 1000 : unit === 'mi' ? n * 1.609344 : n;
      if (km <= 0 || km > 2000) fail('near: the radius must be above 0 and at most 2000 km', rawStart + tilde, rawStart + raw.length);
    }
    const coords = /^(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)$/.exec(placeRaw);
    const place: Value = { text: unquote(placeRaw).trim(), quoted: placeRaw.startsWith('"'), start: rawStart, end: rawStart + placeRaw.length };
    if (place.text === '') fail('near: needs a place', rawStart, rawStart + Math.max(1, placeRaw.length));
    let point: { lat: number; lon: number } | null = null;
    if (coords) {
      point = { lat: Number(coords[1]), lon: Number(coords[2]) };
      if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) fail('near: latitude,longitude out of range', place.start, place.end);
    }
    return { field: 'near', place, point, km };
  }

  function parseBbox(raw: string, rawStart: number): Term {
    const parts = raw.split(',');
    const nums = parts.map(Number);
    if (parts.length !== 4 || nums.some((n, i) => parts[i]!.trim() === '' || !Number.isFinite(n))) {
      fail('bbox: takes four numbers, west,south,east,north', rawStart, rawStart + raw.length);
    }
    const [west, south, east, north] = nums as [number, number, number, number];
    if (Math.abs(west) > 180 || Math.abs(east) > 180 || Math.abs(south) > 90 || Math.abs(north) > 90) fail('bbox: a longitude or latitude is out of range', rawStart, rawStart + raw.length);
    if (south > north) fail('bbox: south is above north', rawStart, rawStart + raw.length);
    return { field: 'bbox', west, south, east, north };
  }

  if (tokens.length === 0) return null;
  const root = parseAnd();
  if (pos < tokens.length) {
    const t = tokens[pos]!;
    fail(t.kind === 'close' ? 'unmatched ")"' : `unexpected ${t.kind.toUpperCase()}`, t.start, t.end);
  }
  return root;
}

/** The radius of near: when none is written. */
export const DEFAULT_NEAR_KM = 25;
