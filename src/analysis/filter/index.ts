// The filter language in one call: text → parsed, resolved against the store, ready to compile and print.
import type { Store } from '../../store/store.js';
import { analysisDb } from '../tables.js';
import { catchUpTextIndex } from '../../store/text-index.js';
import { termsOf } from './ast.js';
import { parseFilter } from './parse.js';
import { resolveFilter, type ResolvedFilter } from './resolve.js';

export { FilterError } from './error.js';
export { parseFilter, FIELDS } from './parse.js';
export { compileFilter, hasDates, rollupCanAnswer, type Mode, type Source } from './compile.js';
export { filterEnglish } from './english.js';
export type { ResolvedFilter, Resolution } from './resolve.js';
export type { FilterNode, TermNode, DateWindow } from './ast.js';

/** A store as a reader sees it: some datasets left out of every filter (see ResolvedFilter.excludedDatasets). */
export type ScopedStore = Pick<Store, 'db' | 'engine'> & {
  excludedDatasets?: readonly number[];
  /** For a read-only view of a store (the server's reading threads): the store itself, which catches the text index up. */
  writer?: Pick<Store, 'db' | 'engine'>;
};

/** Parses and resolves a filter; throws FilterError (with a caret under the filter) when it cannot. */
export async function prepareFilter(store: ScopedStore, text: string): Promise<ResolvedFilter> {
  const root = parseFilter(text);
  // A text: search reads the full-text index: bring it up to date with the last imports first.
  if (termsOf(root).some((t) => t.field === 'text')) await catchUpTextIndex((store.writer ?? store).db, store.engine);
  return resolveFilter(analysisDb(store.db), store.engine, text, root, store.excludedDatasets);
}
