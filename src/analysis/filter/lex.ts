// Splits filter text into tokens: field terms, bare words, quoted phrases, parentheses, OR / AND / NOT and "-".
import type { Value } from './ast.js';
import { FilterError } from './error.js';

export type Token =
  | { kind: 'open' | 'close' | 'or' | 'and' | 'not' | 'minus'; start: number; end: number }
  /** field:value…, with the value part raw (quotes kept) for the term's own syntax. */
  | { kind: 'term'; field: string; fieldEnd: number; raw: string; rawStart: number; start: number; end: number }
  /** Free text, searched in notes. */
  | { kind: 'word'; value: Value; start: number; end: number };

const FIELD = /^([A-Za-z_][A-Za-z0-9_]*):/;

/** The end of a quoted run that starts at `i` (on the opening quote), after the closing quote. */
function quoteEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new FilterError('unclosed quote', text, i, text.length);
}

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', start: i, end: i + 1 });
      i++;
    } else if (c === '-' && i + 1 < text.length && !/[\s)]/.test(text[i + 1]!)) {
      tokens.push({ kind: 'minus', start: i, end: i + 1 });
      i++;
    } else {
      const start = i;
      while (i < text.length && !/[\s)]/.test(text[i]!)) i = text[i] === '"' ? quoteEnd(text, i) : i + 1;
      const chunk = text.slice(start, i);
      const field = FIELD.exec(chunk);
      if (field) {
        const fieldEnd = start + field[1]!.length;
        tokens.push({ kind: 'term', field: field[1]!.toLowerCase(), fieldEnd, raw: chunk.slice(field[0].length), rawStart: fieldEnd + 1, start, end: i });
      } else if (chunk === 'OR' || chunk === 'AND' || chunk === 'NOT') {
        tokens.push({ kind: chunk.toLowerCase() as 'or' | 'and' | 'not', start, end: i });
      } else {
        const quoted = chunk.startsWith('"');
        tokens.push({ kind: 'word', value: { text: unquote(chunk), quoted, start, end: i }, start, end: i });
      }
    }
  }
  return tokens;
}

/** Removes quotes and backslash escapes. */
export function unquote(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') continue;
    if (c === '\\' && i + 1 < s.length) out += s[++i];
    else out += c;
  }
  return out;
}

/** Splits a raw value on commas outside quotes: `confirmed,fair` → two values, `"Kabul, city"` → one. */
export function splitValues(raw: string, rawStart: number): Value[] {
  const values: Value[] = [];
  let start = 0;
  let quoted = false;
  let inQuote = false;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && inQuote) {
      i++;
      continue;
    }
    if (c === '"') {
      inQuote = !inQuote;
      quoted = true;
      continue;
    }
    if (i === raw.length || (c === ',' && !inQuote)) {
      values.push({ text: unquote(raw.slice(start, i)).trim(), quoted, start: rawStart + start, end: rawStart + i });
      start = i + 1;
      quoted = false;
    }
  }
  return values;
}
