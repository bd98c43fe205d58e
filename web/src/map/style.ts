// The map's style, made of local GeoJSON sources only: no tiles, sprites or glyphs from elsewhere.
// Without a glyph server there are no symbol layers; cluster and cell counts are drawn as HTML markers instead.
import type { StyleSpecification } from 'maplibre-gl';
import { PROVINCES_ZOOM } from './basemap.js';

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The base map's sources start empty: feedBasemap (basemap.ts) gives them their addresses as views need them. */
export function deskStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      // Natural Earth has no detail past zoom 10: closer tiles are enlarged rather than cut again. Fills
      // and hairlines need little of their neighbours' ground in a tile (the default margin, 128 px,
      // is for labels and wide lines): a quarter less geometry to cut and triangulate per tile.
      countries: { type: 'geojson', data: EMPTY, maxzoom: 10, buffer: 16 },
      provinces: { type: 'geojson', data: EMPTY, maxzoom: 10, buffer: 16 },
      events: { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 40, clusterMaxZoom: 11 },
      // Sums on the server's grid, when the view holds too many events to send one by one.
      cells: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dbe7ef' } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f4f1ea' } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#9c9486', 'line-width': 0.7 } },
      { id: 'provinces', type: 'line', source: 'provinces', minzoom: PROVINCES_ZOOM, paint: { 'line-color': '#b9b1a3', 'line-width': 0.5, 'line-dasharray': [2, 2] } },
      {
        id: 'clusters',
        type: 'circle',
        source: 'events',
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': '#b3412f',
          'circle-opacity': 0.8,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
          'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 50, 21, 200, 27],
        },
      },
      {
        id: 'cells',
        type: 'circle',
        source: 'cells',
        paint: {
          'circle-color': '#b3412f',
          'circle-opacity': 0.8,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
          'circle-radius': ['step', ['get', 'events'], 12, 10, 16, 100, 21, 1000, 27, 10000, 33],
        },
      },
      {
        id: 'points',
        type: 'circle',
        source: 'events',
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': ['case', ['boolean', ['get', 'selected'], false], '#1d4f91', '#b3412f'],
          'circle-radius': ['interpolate', ['linear'], ['get', 'fatalities'], 0, 4, 10, 6, 100, 10, 1000, 16],
          'circle-opacity': 0.85,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
    ],
  };
}
