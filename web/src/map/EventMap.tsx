// The events on the offline base map. A new filter is read at once, framed in the map's own size (the
// server chooses the view and answers for it in one read), while the map library loads beside it; the
// base map follows, for that view (basemap.ts). Then each view is read as the map moves: single events
// (clustered by MapLibre) when the view holds few, else sums on a grid that refines as the map zooms in.
// A cluster or a cell is a button that zooms into it; a point selects its event. "Filter to this view"
// adds the view's bbox: term to the filter.
import type * as MapLibre from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { formatInt } from '../lib/format.js';
import { basemapUrls, feedBasemap } from './basemap.js';
import { covers, loadFitted, loadView, widen, worldAt, type EventMapAnswer, type View } from './event-points.js';
import { deskStyle, EMPTY } from './style.js';

type Lib = typeof MapLibre;

interface Props {
  filter: string;
  selected: number | null;
  onSelect(id: number): void;
  onBbox(bbox: string): void;
}

interface Drawn {
  filter: string;
  answer: EventMapAnswer;
  /** Whether the answer holds every event of the filter (then no view needs reading again). */
  whole: boolean;
}

/** The map library is large: loaded beside the page's first answers rather than before them. */
let loadingLib: Promise<Lib> | null = null;
const loadLib = () => (loadingLib ??= import('maplibre-gl'));

function zoomInto(map: MapLibre.Map, at: [number, number], bounds: [number, number, number, number] | null, zoom: () => Promise<number>) {
  if (bounds && (bounds[0] !== bounds[2] || bounds[1] !== bounds[3])) {
    map.fitBounds(bounds, { padding: 60, maxZoom: Math.min(14, map.getZoom() + 5) });
    return;
  }
  void zoom().then((z) => map.easeTo({ center: at, zoom: Math.max(z, map.getZoom() + 2) }));
}

/** Counts on the clusters and cells in view, as HTML: the style has no glyphs to draw text with. */
function syncCountMarkers(lib: Lib, map: MapLibre.Map, markers: Map<string, MapLibre.Marker>) {
  const seen = new Set<string>();
  for (const f of map.queryRenderedFeatures({ layers: ['clusters', 'cells'] })) {
    const at = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    const cell = f.layer.id === 'cells';
    const p = f.properties as { cluster_id?: number; point_count?: number; id?: string; events?: number; west?: number; south?: number; east?: number; north?: number };
    const count = cell ? Number(p.events) : Number(p.point_count);
    const key = `${cell ? `cell ${p.id}` : `cluster ${p.cluster_id}`} ${count} ${at.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (markers.has(key)) continue;
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'cluster-count';
    el.textContent = formatInt(count);
    el.setAttribute('aria-label', `${count} events: zoom in`);
    el.addEventListener('click', (e) => {
      e.stopPropagation();
      if (cell) zoomInto(map, at, [Number(p.west), Number(p.south), Number(p.east), Number(p.north)], async () => map.getZoom() + 2);
      else zoomInto(map, at, null, () => (map.getSource('events') as MapLibre.GeoJSONSource).getClusterExpansionZoom(p.cluster_id!));
    });
    markers.set(key, new lib.Marker({ element: el }).setLngLat(at).addTo(map));
  }
  for (const [key, marker] of markers) {
    if (!seen.has(key)) {
      marker.remove();
      markers.delete(key);
    }
  }
}

function viewOf(map: MapLibre.Map): View {
  const b = map.getBounds();
  return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(), zoom: map.getZoom() };
}

export function EventMap({ filter, selected, onSelect, onBbox }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [basemapShown, setBasemapShown] = useState(false);
  // The filter's framed answer, waiting for the map to be ready.
  const [fitted, setFitted] = useState<{ filter: string; answer: EventMapAnswer } | null>(null);
  const fittedRef = useRef(fitted);
  fittedRef.current = fitted;
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  // Set once the map has rendered the drawn answer (and the base map) for the current filter.
  const [shownFor, setShownFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  // What the views are read for: the filter, once framed, and the box last asked for.
  const reading = useRef<{ filter: string; framed: boolean; whole: boolean; asked: View | null; ctrl: AbortController | null }>({ filter, framed: false, whole: false, asked: null, ctrl: null });

  const failed = (err: unknown) => {
    // The filter bar shows a filter's own error; the map keeps the last events it could draw.
    setError(err instanceof ApiError && err.code === 'filter' ? 'The map shows the last filter that could be read.' : err instanceof Error ? err.message : String(err));
  };

  /** Reads the current view unless what the map has already covers it. */
  const readView = () => {
    const map = mapRef.current;
    const r = reading.current;
    if (!map || !r.framed || r.whole) return;
    const view = viewOf(map);
    if (r.asked && covers(r.asked, view)) return;
    r.ctrl?.abort();
    const ctrl = new AbortController();
    const wide = widen(view);
    r.ctrl = ctrl;
    r.asked = wide;
    const forFilter = r.filter;
    loadView(forFilter, wide, ctrl.signal).then(
      (answer) => {
        if (ctrl.signal.aborted) return;
        setDrawn({ filter: forFilter, answer, whole: false });
        setError(null);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (reading.current.asked === wide) reading.current.asked = null;
        failed(err);
      },
    );
  };
  const readViewRef = useRef(readView);
  readViewRef.current = readView;

  // The map, made at once on an empty base map (on the filter's view if its answer came first).
  useEffect(() => {
    let map: MapLibre.Map | null = null;
    const markers = new Map<string, MapLibre.Marker>();
    let cancelled = false;
    loadLib().then(
      (lib) => {
        if (cancelled || !container.current) return;
        const view = fittedRef.current?.answer.view;
        map = new lib.Map({ container: container.current, style: deskStyle(), center: view?.center ?? [20, 20], zoom: view?.zoom ?? 1, attributionControl: { compact: true, customAttribution: 'Boundaries: Natural Earth' } });
        map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
        map.on('load', () => {
          // Made as soon as the page mounts, the map may have measured its box before the page's last
          // layout, and MapLibre ignores the first report of its size watcher: measure it again.
          map!.resize();
          mapRef.current = map;
          setReady(true);
        });
        map.on('error', (e) => {
          if (/basemap/.test(String((e as { error?: Error }).error?.message ?? ''))) setError('The base map could not be loaded.');
        });
        // Counts follow the map once it settles, not on every frame (each asks what is drawn where).
        map.on('idle', () => syncCountMarkers(lib, map!, markers));
        map.on('moveend', () => readViewRef.current());
        map.on('click', 'points', (e) => {
          const id = (e.features?.[0]?.properties as { id?: number } | undefined)?.id;
          if (id !== undefined) onSelectRef.current(Number(id));
        });
        for (const layer of ['points', 'clusters', 'cells']) {
          map.on('mouseenter', layer, () => (map!.getCanvas().style.cursor = 'pointer'));
          map.on('mouseleave', layer, () => (map!.getCanvas().style.cursor = ''));
        }
      },
      (err: unknown) => setError(String(err)),
    );
    return () => {
      cancelled = true;
      reading.current.ctrl?.abort();
      for (const m of markers.values()) m.remove();
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  // A new filter: read it framed in the map's size at once, without waiting for the map.
  useEffect(() => {
    const r = reading.current;
    r.ctrl?.abort();
    const ctrl = new AbortController();
    Object.assign(r, { filter, framed: false, whole: false, asked: null, ctrl });
    const box = container.current?.getBoundingClientRect();
    loadFitted(filter, Math.max(100, box?.width ?? 800), Math.max(100, box?.height ?? 420), ctrl.signal).then(
      (answer) => {
        if (ctrl.signal.aborted) return;
        setFitted({ filter, answer });
        setError(null);
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) failed(err);
      },
    );
    return () => ctrl.abort();
  }, [filter]);

  // The framed answer on a ready map: move to its view, draw it; views are read from here on.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !fitted || fitted.filter !== reading.current.filter) return;
    const { answer } = fitted;
    const r = reading.current;
    // Every event of the filter came one by one: no view needs reading again.
    const whole = answer.mode === 'events';
    Object.assign(r, { framed: true, whole, asked: answer.view ? worldAt(answer.view.zoom) : null, ctrl: null });
    if (answer.view) map.jumpTo({ center: answer.view.center, zoom: answer.view.zoom });
    setDrawn({ filter: fitted.filter, answer, whole });
  }, [ready, fitted]);

  // What is drawn: events (with the selected one apart) or cells.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !drawn) return;
    const { answer } = drawn;
    const events = answer.mode === 'events' ? { ...answer, features: answer.features.map((f) => ({ ...f, properties: { ...f.properties, selected: f.properties.id === selected } })) } : EMPTY;
    (map.getSource('events') as MapLibre.GeoJSONSource).setData(events as GeoJSON.FeatureCollection);
    (map.getSource('cells') as MapLibre.GeoJSONSource).setData((answer.mode === 'cells' ? answer : EMPTY) as GeoJSON.FeatureCollection);
  }, [ready, drawn, selected]);

  // The base map, once the map is on the filter's view with its events (or the filter failed): no
  // tiles of the world at zoom 1 cut, drawn and thrown away first, and the map's worker reads the
  // events before the larger base map. The first 'idle' after this has it drawn.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || basemapShown || (!drawn && !error)) return;
    feedBasemap(map, basemapUrls());
    setBasemapShown(true);
  }, [ready, drawn, error, basemapShown]);

  // Shown: once the map has drawn the filter's answer on the base map.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !drawn || !basemapShown) return;
    const forFilter = drawn.filter;
    const done = () => setShownFor(forFilter);
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      map.off('idle', done);
    };
  }, [ready, drawn, basemapShown]);

  const filterToView = () => {
    const b = mapRef.current?.getBounds();
    if (!b) return;
    const r = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n * 100) / 100));
    onBbox(`bbox:${r(b.getWest(), -180, 180)},${r(b.getSouth(), -90, 90)},${r(b.getEast(), -180, 180)},${r(b.getNorth(), -90, 90)}`);
  };

  const current = drawn && drawn.filter === filter ? drawn : null;
  const note = (d: Drawn) => {
    const { answer } = d;
    if (answer.mode === 'events') return `${formatInt(answer.total)} events placed${d.whole ? '' : ' in this view'}.`;
    return `${formatInt(answer.total)} events in this view, summed in ${formatInt(answer.features.length)} cells: zoom in to see single events.`;
  };
  return (
    <section className="map card" aria-labelledby="map-title">
      <div className="card-head">
        <h2 id="map-title">Map</h2>
        <button type="button" onClick={filterToView} disabled={!ready}>
          Filter to this view
        </button>
      </div>
      <div
        ref={container}
        className="map-canvas"
        role="region"
        aria-label="Map of the selected events; use the arrow keys to pan and + or − to zoom"
        data-ready={current && shownFor === filter ? 'true' : undefined}
        data-mode={current?.answer.mode}
      />
      <p className="muted map-note" aria-live="polite">
        {error ?? (current ? note(current) : 'Loading events…')}
      </p>
    </section>
  );
}
