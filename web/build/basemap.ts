// The offline base map, made at build time: Natural Earth countries (world-atlas TopoJSON, converted to
// GeoJSON here, so the map's worker reads it without the page's thread), whole and simplified for the
// zooms that frame a country, and Afghanistan's provinces with Natural Earth's two mislabelled features
// put right.
// Served from the app's own origin, so the desk fetches no tile, style or font from anywhere else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';
import { simplifyTopology } from './simplify-topology.js';
import { fixAfghanistanLabels } from '../../src/render/map/afghanistan.js';

const require = createRequire(import.meta.url);
const PROVINCES = fileURLToPath(new URL('../../data/demo/afghanistan_provinces_naturalearth.geojson', import.meta.url));

/** ~100 m is finer than any zoom the desk's map shows provinces at, and halves the file. */
const round = (p: Position): Position => [Math.round(p[0]! * 1000) / 1000, Math.round(p[1]! * 1000) / 1000];

function roundGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((ring) => ring.map(round)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(round))) };
    default:
      return g;
  }
}

function provinces(): string {
  const raw = JSON.parse(readFileSync(PROVINCES, 'utf8')) as FeatureCollection;
  const fixed = fixAfghanistanLabels(raw);
  return JSON.stringify({
    type: 'FeatureCollection',
    features: fixed.features.map((f) => ({ type: 'Feature', properties: { name: f.properties?.name ?? null }, geometry: f.geometry && roundGeometry(f.geometry) })),
  });
}

/**
 * Within ~2 km: a pixel at zoom 5, two just short of zoom 6, where the full file takes over (most
 * countries are framed at zooms 4 to 6). Half the points, half the bytes (~0.9 MB instead of 1.7).
 */
export const OVERVIEW_TOLERANCE = 0.02;

function countries(simplify: number | null): string {
  const raw = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const topo = simplify === null ? raw : simplifyTopology(raw, simplify);
  const all = feature(topo, topo.objects.countries as GeometryCollection) as FeatureCollection;
  return JSON.stringify({
    type: 'FeatureCollection',
    features: all.features.flatMap((f) => {
      const geometry = f.geometry && dropDegenerateRings(roundGeometry(f.geometry));
      return geometry === undefined ? [] : [{ type: 'Feature', properties: { name: (f.properties as { name?: string } | null)?.name ?? null }, geometry }];
    }),
  });
}

/** Islands simplified to fewer than four points are no longer rings: left out, and a polygon without its outer ring too. */
function dropDegenerateRings(g: Geometry): Geometry | undefined {
  const polygon = (rings: Position[][]) => (rings[0] && rings[0].length >= 4 ? rings.filter((r) => r.length >= 4) : null);
  switch (g.type) {
    case 'Polygon': {
      const rings = polygon(g.coordinates);
      return rings ? { ...g, coordinates: rings } : undefined;
    }
    case 'MultiPolygon': {
      const polygons = g.coordinates.map(polygon).filter((p): p is Position[][] => p !== null);
      return polygons.length > 0 ? { ...g, coordinates: polygons } : undefined;
    }
    default:
      return g;
  }
}

const FILES: Record<string, () => string> = {
  // What country views draw first; the full file when the map zooms in closer (web/src/map/basemap.ts).
  'basemap/countries-50m-overview.geojson': () => countries(OVERVIEW_TOLERANCE),
  'basemap/countries-50m.geojson': () => countries(null),
  'basemap/afghanistan-provinces.json': provinces,
};

export function basemap(): Plugin {
  return {
    name: 'groundtruth-basemap',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const make = FILES[(req.url ?? '').split('?')[0]!.replace(/^\//, '')];
        if (!make) return next();
        res.setHeader('content-type', 'application/json');
        res.end(make());
      });
    },
    generateBundle() {
      for (const [fileName, make] of Object.entries(FILES)) this.emitFile({ type: 'asset', fileName, source: make() });
    },
  };
}
