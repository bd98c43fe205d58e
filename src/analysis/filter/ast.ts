// The parsed filter: terms joined by AND / OR / NOT, each term remembering where it sits in the text.

/** A piece of the filter text, for error pointers. */
export interface Span {
  start: number;
  end: number;
}

/** One value of a term, as written (unquoted), with its span. */
export interface Value extends Span {
  text: string;
  quoted: boolean;
}

export const NAME_FIELDS = ['actor', 'actor1', 'actor2', 'admin1', 'admin2', 'location', 'type', 'subtype', 'disorder', 'target'] as const;
export type NameField = (typeof NAME_FIELDS)[number];

/** A window of whole days; null ends are open. */
export interface DateWindow {
  start: string | null;
  end: string | null;
}

export type Term =
  | { field: NameField; values: Value[] }
  | { field: 'country'; values: Value[] }
  | { field: 'dataset' | 'investigation'; values: Value[] }
  | { field: 'grade' | 'status'; values: Value[] }
  | { field: 'text'; values: Value[] }
  | { field: 'near'; place: Value; point: { lat: number; lon: number } | null; km: number }
  | { field: 'bbox'; west: number; south: number; east: number; north: number }
  | { field: 'date'; window: DateWindow; written: string }
  | { field: 'civilian' | 'fatal'; yes: boolean };

export type TermNode = Term & Span & { kind: 'term' };

export type FilterNode =
  | TermNode
  | ({ kind: 'and'; items: FilterNode[] } & Span)
  | ({ kind: 'or'; items: FilterNode[] } & Span)
  | ({ kind: 'not'; item: FilterNode } & Span);

/** Every term of a tree, in order. */
export function termsOf(node: FilterNode | null): TermNode[] {
  if (!node) return [];
  if (node.kind === 'term') return [node];
  if (node.kind === 'not') return termsOf(node.item);
  return node.items.flatMap(termsOf);
}

/** The terms that must hold for every match (ANDed at the top, not under OR or NOT). */
export function requiredTerms(node: FilterNode | null): TermNode[] {
  if (!node) return [];
  if (node.kind === 'term') return [node];
  if (node.kind === 'and') return node.items.flatMap(requiredTerms);
  return [];
}
