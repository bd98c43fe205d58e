// Explore: the filter and its facets, the figure with provenance, map, timeline and table. The whole
// state lives in the URL query (q, measure, sort, page, event, by), so a view is a link to share.
import type { EventsPage, Figure } from '../../api/types.js';
import { useQueryState } from '../../app/router.js';
import { replaceField, toggleTerm } from '../../lib/filter-terms.js';
import { useApi } from '../../lib/use-api.js';
import { EventMap } from '../../map/EventMap.js';
import { EventPanel } from './EventPanel.js';
import { EventTable } from './EventTable.js';
import { Facets } from './Facets.js';
import { FigureBox } from './FigureBox.js';
import { FilterBar } from './FilterBar.js';
import { eventsPath, exploreState, figurePath, PAGE_SIZE } from './requests.js';
import { Timeline } from './Timeline.js';

export default function ExplorePage() {
  const state = useQueryState();
  const { filter, measure, sort, page, selected, grain } = exploreState(state.search);

  const figure = useApi<Figure>(figurePath(filter, measure));
  const events = useApi<EventsPage>(eventsPath(filter, sort, page));
  // A new filter starts again from the first page and closes the open event.
  const setFilter = (q: string) => state.set({ q, page: null, event: null });

  return (
    <div className="explore">
      <h1 className="visually-hidden">Explore events</h1>
      <FilterBar filter={filter} measure={measure} error={figure.error ?? events.error} english={events.data?.english ?? null} onFilter={setFilter} onMeasure={(m) => state.set({ measure: m })} />
      <div className="explore-grid">
        <Facets filter={filter} onToggle={(t) => setFilter(toggleTerm(filter, t))} />
        <div className="explore-main">
          <FigureBox figure={figure.error ? null : figure.data} loading={figure.loading} />
          <EventMap filter={filter} selected={selected} onSelect={(id) => state.set({ event: id }, { replace: true })} onBbox={(bbox) => setFilter(replaceField(filter, 'bbox', bbox))} />
          <Timeline filter={filter} measure={measure} grain={grain} onGrain={(g) => state.set({ by: g === 'month' ? null : g }, { replace: true })} />
          <EventTable
            page={events.error ? null : events.data}
            loading={events.loading}
            sort={sort}
            pageSize={PAGE_SIZE}
            selected={selected}
            onSort={(s) => state.set({ sort: s === '-date' ? null : s, page: null })}
            onPage={(p) => state.set({ page: p === 1 ? null : p }, { replace: true })}
            onSelect={(id) => state.set({ event: id }, { replace: true })}
          />
        </div>
        {selected !== null && <EventPanel id={selected} onClose={() => state.set({ event: null }, { replace: true })} />}
      </div>
    </div>
  );
}
