// Named sea areas (shipped in data/boundaries/sea-areas.json): find the one a location text names.
import { readFileSync } from 'node:fs';
import { geoArea, geoBounds } from 'd3-geo';
import { z } from 'zod';
import { foldName } from '../../model/names.js';
import { dataFile } from '../data-path.js';
import type { Area, Bounds } from './world.js';

export const SEA_AREAS_FILE = 'boundaries/sea-areas.json';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const fileSchema = z.object({
  source: z.string(),
  areas: z.array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)),
      anchor: lonLat,
      parent: z.string().optional(),
      outline: z.array(lonLat).min(4).optional(),
    }),
  ),
});

export interface SeaArea {
  name: string;
  anchor: [number, number];
  /** The outline, its own or its parent's. */
  feature: Area;
  bounds: Bounds;
}

interface Seas {
  areas: SeaArea[];
  /** Folded alias → area, longest aliases first. */
  aliases: [string, SeaArea][];
}

let seas: Seas | null = null;

/** A ring wound so that d3-geo fills its inside, not the rest of the globe. */
function polygon(ring: [number, number][]): Area {
  const feature: Area = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
  if (geoArea(feature) > 2 * Math.PI) feature.geometry = { type: 'Polygon', coordinates: [[...ring].reverse()] };
  return feature;
}

function load(): Seas {
  if (seas) return seas;
  const parsed = fileSchema.parse(JSON.parse(readFileSync(dataFile(SEA_AREAS_FILE), 'utf8')));
  const outlines = new Map(parsed.areas.filter((a) => a.outline).map((a) => [a.name, polygon(a.outline as [number, number][])]));
  const areas: SeaArea[] = [];
  const aliases: [string, SeaArea][] = [];
  for (const a of parsed.areas) {
    const feature = outlines.get(a.name) ?? (a.parent ? outlines.get(a.parent) : undefined);
    if (!feature) throw new Error(`sea area ${a.name} has neither an outline nor a parent with one`);
    const area: SeaArea = { name: a.name, anchor: a.anchor, feature, bounds: geoBounds(feature) as Bounds };
    areas.push(area);
    for (const alias of [a.name, ...a.aliases]) aliases.push([words(alias), area]);
  }
  aliases.sort((x, y) => y[0].length - x[0].length);
  seas = { areas, aliases };
  return seas;
}

/** Folded, with punctuation as spaces and a space at each end, so aliases match whole words. */
function words(text: string): string {
  return ` ${foldName(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

export function seaAreas(): SeaArea[] {
  return load().areas;
}

/** The most specific sea area a location text names ("off the coast of Venezuela" before "Caribbean"), or null. */
export function findSeaArea(location: string | null | undefined): SeaArea | null {
  if (!location) return null;
  const text = words(location);
  return load().aliases.find(([alias]) => text.includes(alias))?.[1] ?? null;
}

/** Where the sea areas come from, for the source line. */
export function seaAreasSource(): string {
  return 'Sea areas: approximate outlines drawn for Groundtruth after IHO S-23';
}
