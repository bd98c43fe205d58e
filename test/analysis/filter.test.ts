// The filter language: syntax, errors that point at the fault, English, and what each term selects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../../src/analysis/figure.js';
import { FilterError, filterEnglish, parseFilter, prepareFilter } from '../../src/analysis/filter/index.js';
import { BOATS_CSV, BOATS_MAPPING, ENGINES, event, importMapped, insertEvents, openTestStore, UCDP_CSV, UCDP_MAPPING, type TestStore } from './stores.js';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/** The error a filter raises, so tests can read its parts. */
async function filterError(run: () => Promise<unknown> | unknown): Promise<FilterError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof FilterError) return err;
    throw err;
  }
  throw new Error('expected a FilterError');
}

/** The caret line of an error message, and the filter line above it. */
function pointer(err: FilterError): { text: string; under: string } {
  const lines = err.message.split('\n');
  const caret = lines.findIndex((l) => /^\s*\^+$/.test(l));
  const text = lines[caret - 1]!.slice(2);
  const from = lines[caret]!.indexOf('^') - 2;
  return { text, under: text.slice(from, from + lines[caret]!.trim().length) };
}

describe('parsing', () => {
  it('reads fields, comma lists, quotes, OR, negation and groups', () => {
    const root = parseFilter('actor:"Islamic State Khorasan Province (ISKP)" grade:confirmed,fair -civilian:yes (country:AFG OR country:PAK)');
    expect(root?.kind).toBe('and');
    if (root?.kind !== 'and') return;
    expect(root.items.map((i) => i.kind)).toEqual(['term', 'term', 'not', 'or']);
    const actor = root.items[0]!;
    expect(actor.kind === 'term' && actor.field === 'actor' && actor.values[0]!.text).toBe('Islamic State Khorasan Province (ISKP)');
    const grade = root.items[1]!;
    expect(grade.kind === 'term' && grade.field === 'grade' && grade.values.map((v) => v.text)).toEqual(['confirmed', 'fair']);
  });

  it('binds OR tighter than the terms beside it', () => {
    const root = parseFilter('type:Battles country:AFG OR country:PAK');
    expect(root?.kind).toBe('and');
    expect(root?.kind === 'and' && root.items[1]!.kind).toBe('or');
  });

  it('reads partial and open dates as whole days', () => {
    const window = (text: string) => {
      const t = parseFilter(text);
      return t?.kind === 'term' && t.field === 'date' ? t.window : null;
    };
    expect(window('date:2021-10')).toEqual({ start: '2021-10-01', end: '2021-10-31' });
    expect(window('date:2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(window('date:2021')).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(window('date:2021-08-26..')).toEqual({ start: '2021-08-26', end: null });
    expect(window('date:..2020-09')).toEqual({ start: null, end: '2020-09-30' });
    expect(window('date:2020-01..2020-09')).toEqual({ start: '2020-01-01', end: '2020-09-30' });
  });

  it('points a caret at an unknown field and suggests the nearest', async () => {
    const err = await filterError(() => parseFilter('actor:ISKP contry:AFG date:2021'));
    expect(err.reason).toBe('unknown field "contry"');
    expect(pointer(err)).toEqual({ text: 'actor:ISKP contry:AFG date:2021', under: 'contry' });
    expect(err.suggestions).toContain('country');
  });

  it('points at an impossible date, not at the whole term', async () => {
    const err = await filterError(() => parseFilter('country:AFG date:2021-02-29..2021-03'));
    expect(err.reason).toMatch(/2021-02-29 is not a calendar date/);
    expect(pointer(err).under).toBe('2021-02-29');
    expect(pointer(await filterError(() => parseFilter('date:2021-13'))).under).toBe('2021-13');
    expect((await filterError(() => parseFilter('date:2021-10..2021-01'))).reason).toMatch(/ends .* before it starts/);
  });

  it('rejects bad syntax with the place it went wrong', async () => {
    expect(pointer(await filterError(() => parseFilter('actor:"ISKP'))).under).toBe('"ISKP');
    expect((await filterError(() => parseFilter('(country:AFG'))).reason).toBe('unclosed parenthesis');
    expect((await filterError(() => parseFilter('country:AFG OR'))).reason).toBe('OR needs a term after it');
    expect((await filterError(() => parseFilter('bbox:1,2,3'))).reason).toMatch(/four numbers/);
    expect((await filterError(() => parseFilter('near:Kabul~far'))).reason).toMatch(/radius/);
    expect((await filterError(() => parseFilter('civilian:maybe'))).reason).toMatch(/yes or no/);
    const grade = await filterError(() => parseFilter('grade:confirmd'));
    expect(grade.suggestions).toEqual(['confirmed']);
    expect(pointer(grade).under).toBe('confirmd');
  });
});

describe.each(ENGINES)('filters against a $engine store', ({ make }) => {
  let t: TestStore;
  const ucdp = Papa.parse<Record<string, string>>(readFileSync(UCDP_CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const boats = Papa.parse<Record<string, string>>(readFileSync(BOATS_CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;

  beforeAll(async () => {
    t = await openTestStore(make);
    await importMapped(t, BOATS_CSV, BOATS_MAPPING);
    await importMapped(t, UCDP_CSV, UCDP_MAPPING);
    await insertEvents(t, { name: 'points', format: 'csv' }, [
      event({ source_id: 'jalalabad', date_start: '2021-10-08', iso3: 'AFG', lat: 34.43, lon: 70.45, notes: 'Attack near a mosque in the city', event_type: 'Explosions/Remote violence' }),
      event({ source_id: 'behsud', date_start: '2021-10-09', iso3: 'AFG', lat: 34.45, lon: 70.6, notes: 'Roadside bomb', event_type: 'Explosions/Remote violence' }),
      event({ source_id: 'kabul', date_start: '2021-10-09', iso3: 'AFG', lat: 34.53, lon: 69.17, notes: 'Mosque bombing in Kabul', event_type: 'Explosions/Remote violence' }),
    ]);
  });
  afterAll(async () => t?.close());

  it('resolves every spelling of an actor to the same events', async () => {
    const a = await figure(t.store, 'actor:IS-K');
    const b = await figure(t.store, 'actor:"Islamic State Khorasan Province (ISKP)"');
    const c = await figure(t.store, 'actor:"islamic state khorasan province (iskp)"');
    const expected = ucdp.filter((r) => r.side_a === 'IS' || r.side_b === 'IS');
    expect(a.events).toBe(expected.length);
    expect(b.events).toBe(a.events);
    expect(c.value).toEqual(a.value);
  });

  it('says an actor is unknown and suggests the nearest names', async () => {
    const err = await filterError(() => prepareFilter(t.store, 'actor:Talibn date:2016'));
    expect(err.reason).toBe('unknown actor "Talibn"');
    expect(pointer(err).under).toBe('Talibn');
    expect(err.suggestions[0]).toBe('Taliban');
  });

  it('says a place is unknown and suggests gazetteer names', async () => {
    const err = await filterError(() => prepareFilter(t.store, 'near:Jalalabd~25km'));
    expect(err.reason).toBe('unknown place "Jalalabd"');
    expect(pointer(err).under).toBe('Jalalabd');
    expect(err.suggestions).toContain('Jalalabad');
  });

  it('matches places accent-insensitively and picks the one in a country the store knows', async () => {
    const f = await prepareFilter(t.store, 'near:jalalabad~25km');
    expect(filterEnglish(f)).toBe('within 25 km of Jalalabad (Afghanistan)');
    const near = await figure(t.store, 'near:Jalālābād~25km', { measure: 'events', ids: true });
    // Jalalabad itself and Behsud, 14 km east (Kabul is 118 km away), and the UCDP events that close.
    const ucdpNear = ucdp.filter((r) => distanceKm(Number(r.latitude), Number(r.longitude), 34.42647, 70.45153) <= 25).length;
    expect(near.events).toBe(2 + ucdpNear);
    const far = await figure(t.store, 'near:Jalalabad~150km', { measure: 'events' });
    expect(far.events).toBe(3 + ucdp.filter((r) => distanceKm(Number(r.latitude), Number(r.longitude), 34.42647, 70.45153) <= 150).length);
  });

  it('selects by box and by coordinates', async () => {
    const box = await figure(t.store, 'dataset:points bbox:70,34,71,35', { measure: 'events' });
    expect(box.events).toBe(2);
    const point = await figure(t.store, 'dataset:points near:34.53,69.17~5km', { measure: 'events' });
    expect(point.events).toBe(1);
    expect(point.english).toBe('in dataset points, within 5 km of 34.53, 69.17');
    const investigation = await filterError(() => prepareFilter(t.store, 'investigation:points'));
    expect(investigation.reason).toBe('unknown investigation "points"');
  });

  it('searches notes as full text', async () => {
    const mosque = await figure(t.store, 'text:mosque', { measure: 'events', ids: true });
    expect(mosque.events).toBe(2);
    const petro = await figure(t.store, 'dataset:us-boat-strikes-2025 text:Petro', { measure: 'events' });
    const expected = boats.filter((r) => /\bPetro\b/.test(r.notes!)).reduce((n, r) => n + Number(r.strikes), 0);
    expect(expected).toBeGreaterThan(0);
    expect(petro.events).toBe(expected);
  });

  it('negates and ORs with the right rows', async () => {
    const all = await figure(t.store, 'dataset:ucdp-ged-afghanistan', { measure: 'events' });
    const is = await figure(t.store, 'dataset:ucdp-ged-afghanistan actor:IS', { measure: 'events' });
    const notIs = await figure(t.store, 'dataset:ucdp-ged-afghanistan -actor:IS', { measure: 'events' });
    expect(is.events + notIs.events).toBe(all.events);
    const either = await figure(t.store, 'dataset:ucdp-ged-afghanistan date:2015 OR date:2016', { measure: 'events' });
    const byYear = (y: string) => ucdp.filter((r) => r.date_start!.startsWith(y) && r.date_end!.startsWith(y)).length;
    expect(either.events).toBe(byYear('2015') + byYear('2016'));
  });

  it('writes the English a method note prints', async () => {
    const f = await prepareFilter(t.store, 'actor:ISKP country:AFG date:2021-08-26.. -civilian:yes');
    expect(filterEnglish(f)).toBe('involving Islamic State Khorasan Province (ISKP), in Afghanistan, from 26 August 2021, not targeting civilians');
  });

  it('says grade and status apply to desk incidents', async () => {
    const f = await figure(t.store, 'dataset:ucdp-ged-afghanistan grade:confirmed,fair', { measure: 'events' });
    expect(f.events).toBe(0);
    expect(f.english).toBe('in dataset ucdp-ged-afghanistan, graded confirmed or fair');
  });
});

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  // Equirectangular, as the SQL does: independent of the library's haversine.
  const k = 6371.0088 * (Math.PI / 180);
  const dx = (lon2 - lon1) * k * Math.cos((lat2 * Math.PI) / 180);
  const dy = (lat2 - lat1) * k;
  return Math.sqrt(dx * dx + dy * dy);
}
