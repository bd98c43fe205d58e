// Newsroom wording: numbers (one to nine in words), plurals, and what to call the events counted.

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** One formatter for every number: toLocaleString builds a new one on each call, which costs more than a figure's query. */
const THOUSANDS = new Intl.NumberFormat('en-US');

/** 0–9 in words, larger numbers with thousands separators (AP style). */
export function count(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 10 ? WORDS[n]! : THOUSANDS.format(n);
}

/** A number with its noun: "one strike", "22 strikes", "1,204 people". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : plural}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type EventNoun = 'strike' | 'attack' | 'event';

/**
 * What to call the events counted: "strikes" when every one is typed as a strike (an event or sub-event
 * type naming a strike, as ACLED's "Air/drone strike" or a desk's boat strikes); "attacks" when every one
 * is an attack (explosions and remote violence, violence against civilians, or a type naming an attack or
 * bombing); "events" otherwise, as for UCDP's untyped events or a mix with battles and protests.
 */
export function eventNoun(total: number, strikes: number, attacks: number): EventNoun {
  if (total > 0 && strikes === total) return 'strike';
  if (total > 0 && attacks === total) return 'attack';
  return 'event';
}

/** "vessel" → "vessels", "Vessel" → "vessels", "unit" when the targets differ. */
export function unitNoun(targets: string[]): { singular: string; plural: string } {
  const distinct = [...new Set(targets.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  if (distinct.length !== 1) return { singular: 'unit', plural: 'units' };
  const singular = distinct[0]!;
  const plural = /(s|x|z|ch|sh)$/.test(singular) ? `${singular}es` : /[^aeiou]y$/.test(singular) ? `${singular.slice(0, -1)}ies` : `${singular}s`;
  return { singular, plural };
}
