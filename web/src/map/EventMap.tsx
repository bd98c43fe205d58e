// The events on the offline base map, clustered by MapLibre. A cluster is a button that zooms into it;
// a point selects its event. "Filter to this view" adds the view's bbox: term to the filter.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { formatInt } from '../lib/format.js';
import { loadBasemap } from './basemap.js';
import { loadEventPoints, MAX_POINTS, type EventPoints } from './event-points.js';
import { deskStyle } from './style.js';

interface Props {
  filter: string;
  selected: number | null;
  onSelect(id: number): void;
  onBbox(bbox: string): void;
}

type Points = EventPoints['collection'];

function bounds(points: Points): maplibregl.LngLatBounds | null {
  if (points.features.length === 0) return null;
  const b = new maplibregl.LngLatBounds();
  for (const f of points.features) b.extend(f.geometry.coordinates as [number, number]);
  return b;
}

/** Counts on the clusters in view, as HTML: the style has no glyphs to draw text with. */
function syncClusterMarkers(map: maplibregl.Map, markers: Map<number, maplibregl.Marker>) {
  const seen = new Set<number>();
  for (const f of map.queryRenderedFeatures({ layers: ['clusters'] })) {
    const p = f.properties as { cluster_id: number; point_count: number };
    if (seen.has(p.cluster_id)) continue;
    seen.add(p.cluster_id);
    if (markers.has(p.cluster_id)) continue;
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'cluster-count';
    el.textContent = formatInt(p.point_count);
    el.setAttribute('aria-label', `${p.point_count} events: zoom in`);
    const at = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    el.addEventListener('click', (e) => {
      e.stopPropagation();
      void (map.getSource('events') as maplibregl.GeoJSONSource).getClusterExpansionZoom(p.cluster_id).then((zoom) => map.easeTo({ center: at, zoom }));
    });
    markers.set(p.cluster_id, new maplibregl.Marker({ element: el }).setLngLat(at).addTo(map));
  }
  for (const [id, marker] of markers) {
    if (!seen.has(id)) {
      marker.remove();
      markers.delete(id);
    }
  }
}

export function EventMap({ filter, selected, onSelect, onBbox }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [points, setPoints] = useState<EventPoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    let map: maplibregl.Map | null = null;
    const markers = new Map<number, maplibregl.Marker>();
    let cancelled = false;
    loadBasemap().then(
      (base) => {
        if (cancelled || !container.current) return;
        map = new maplibregl.Map({ container: container.current, style: deskStyle(base), center: [20, 20], zoom: 1, attributionControl: { compact: true, customAttribution: 'Boundaries: Natural Earth' } });
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.on('load', () => {
          mapRef.current = map;
          setReady(true);
        });
        map.on('render', () => syncClusterMarkers(map!, markers));
        map.on('click', 'points', (e) => {
          const id = (e.features?.[0]?.properties as { id?: number } | undefined)?.id;
          if (id !== undefined) onSelectRef.current(Number(id));
        });
        for (const layer of ['points', 'clusters']) {
          map.on('mouseenter', layer, () => (map!.getCanvas().style.cursor = 'pointer'));
          map.on('mouseleave', layer, () => (map!.getCanvas().style.cursor = ''));
        }
      },
      (err: unknown) => setError(String(err)),
    );
    return () => {
      cancelled = true;
      for (const m of markers.values()) m.remove();
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    loadEventPoints(filter, ctrl.signal).then(
      (p) => {
        setPoints(p);
        setError(null);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        // The filter bar shows a filter's own error; the map keeps the last events it could draw.
        setError(err instanceof ApiError && err.code === 'filter' ? 'The map shows the last filter that could be read.' : err instanceof Error ? err.message : String(err));
      },
    );
    return () => ctrl.abort();
  }, [filter]);

  // New points: show them and frame them.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !points) return;
    const b = bounds(points.collection);
    if (b) map.fitBounds(b, { padding: 40, maxZoom: 9, duration: 0 });
  }, [ready, points]);

  // The selected event is drawn apart from the rest.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !points) return;
    const data = { ...points.collection, features: points.collection.features.map((f) => ({ ...f, properties: { ...f.properties, selected: f.properties.id === selected } })) };
    (map.getSource('events') as maplibregl.GeoJSONSource).setData(data);
  }, [ready, points, selected]);

  const filterToView = () => {
    const b = mapRef.current?.getBounds();
    if (!b) return;
    const r = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n * 100) / 100));
    onBbox(`bbox:${r(b.getWest(), -180, 180)},${r(b.getSouth(), -90, 90)},${r(b.getEast(), -180, 180)},${r(b.getNorth(), -90, 90)}`);
  };

  const shown = points?.collection.features.length ?? 0;
  return (
    <section className="map card" aria-labelledby="map-title">
      <div className="card-head">
        <h2 id="map-title">Map</h2>
        <button type="button" onClick={filterToView} disabled={!ready}>
          Filter to this view
        </button>
      </div>
      <div ref={container} className="map-canvas" role="region" aria-label="Map of the selected events; use the arrow keys to pan and + or − to zoom" data-ready={ready && points ? 'true' : undefined} />
      <p className="muted map-note" aria-live="polite">
        {error ??
          (points
            ? `${formatInt(shown)} events placed${points.unplaced ? `, ${formatInt(points.unplaced)} without coordinates` : ''}${points.total > MAX_POINTS ? ` (the first ${formatInt(MAX_POINTS)} of ${formatInt(points.total)}: narrow the filter to map them all)` : ''}.`
            : 'Loading events…')}
      </p>
    </section>
  );
}
