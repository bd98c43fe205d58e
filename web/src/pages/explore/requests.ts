// What the Explore page reads from its address and asks the server on opening. The page builds its
// requests here, and so does the desk's start, which asks them before the page's code has loaded
// (api/early.ts): both must ask the same paths for the page to take those answers.
import { qs } from '../../api/client.js';
import type { Measure } from '../../api/types.js';
import { MEASURE_LABELS } from '../../lib/format.js';

export const PAGE_SIZE = 25;
export type Grain = 'week' | 'month';
export type FacetKey = 'dataset' | 'country' | 'event_type' | 'actor1';

export interface ExploreState {
  filter: string;
  measure: Measure;
  sort: string;
  page: number;
  selected: number | null;
  grain: Grain;
}

export function exploreState(search: URLSearchParams): ExploreState {
  const measure = search.get('measure') ?? 'fatalities';
  const event = search.get('event');
  return {
    filter: search.get('q') ?? '',
    measure: measure in MEASURE_LABELS ? (measure as Measure) : 'fatalities',
    sort: search.get('sort') ?? '-date',
    page: Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1),
    selected: event ? Number(event) : null,
    grain: search.get('by') === 'week' ? 'week' : 'month',
  };
}

export const figurePath = (filter: string, measure: Measure) => `/api/figure${qs({ q: filter, measure })}`;
export const eventsPath = (filter: string, sort: string, page: number) => `/api/events${qs({ q: filter, sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`;
export const timelinePath = (filter: string, measure: Measure, grain: Grain) => `/api/breakdown${qs({ q: filter, by: grain, measure })}`;
export const facetPath = (filter: string, by: FacetKey) => `/api/breakdown${qs({ q: filter, by, measure: 'events', top: 8 })}`;

/**
 * Asked before the page has loaded: the figure and the timeline. Only two, beside the page's code, the
 * map library and the session check: a browser opens six connections to a server, and the rest wait.
 * (The map asks for its own size, known once the page is laid out.)
 */
export function earlyPaths(search: URLSearchParams): string[] {
  const s = exploreState(search);
  return [figurePath(s.filter, s.measure), timelinePath(s.filter, s.measure, s.grain)];
}
