// Incidents of an investigation as CSV, GeoJSON or KML (Google Earth), with sources, grades and evidence hashes.
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import type { Actor, Incident, Range } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { requireInvestigation } from './access.js';
import { loadIncidents } from './incident-load.js';

export const EXPORT_FORMATS = ['csv', 'geojson', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export async function exportIncidents(actor: Actor, db: Kysely<Database>, investigation: string, format: ExportFormat): Promise<string> {
  const inv = await requireInvestigation(db, actor, investigation, 'read');
  const incidents = await loadIncidents(db, { investigationId: inv.id });
  const sources = await db.selectFrom('sources').select(['id', 'who', 'url', 'archive_url']).where('investigation_id', '=', inv.id).execute();
  const byId = new Map(sources.map((s) => [Number(s.id), s]));
  const ctx: ExportContext = { investigation: inv.name, title: inv.title, description: inv.description, sourceOf: (id) => byId.get(id) ?? null };
  if (format === 'csv') return incidentsCsv(incidents, ctx);
  if (format === 'geojson') return JSON.stringify(incidentsGeoJson(incidents, ctx), null, 2);
  return incidentsKml(incidents, ctx);
}

interface ExportContext {
  investigation: string;
  title: string;
  description: string | null;
  sourceOf: (id: number) => { who: string; url: string | null; archive_url: string | null } | null;
}

/** One flat row per incident: the shape the CSV and the GeoJSON properties share. */
export function flatIncident(i: Incident, ctx: ExportContext): Record<string, string | number | null> {
  const low = (r: Range | null) => r?.low ?? null;
  const high = (r: Range | null) => r?.high ?? null;
  const linked = i.sources.map((s) => ({ link: s, source: ctx.sourceOf(s.source_id) }));
  return {
    investigation: ctx.investigation,
    id: i.id,
    ref: i.ref,
    date_start: i.date_start,
    date_end: i.date_end,
    date_precision: i.date_precision,
    area: i.area,
    location: i.location_text,
    country: i.country,
    lat: i.lat,
    lon: i.lon,
    actor1: i.actor1,
    actor2: i.actor2,
    target: i.target,
    strikes: i.strikes,
    units_low: low(i.units.count),
    units_high: high(i.units.count),
    units: i.units.descriptions.join(' | ') || null,
    killed_low: low(i.casualties.killed),
    killed_high: high(i.casualties.killed),
    civilians_killed_low: low(i.casualties.civilians_killed),
    civilians_killed_high: high(i.casualties.civilians_killed),
    survivors_low: low(i.casualties.survivors),
    survivors_high: high(i.casualties.survivors),
    missing_presumed_dead_low: low(i.casualties.missing_presumed_dead),
    missing_presumed_dead_high: high(i.casualties.missing_presumed_dead),
    grade: i.grade,
    status: i.status,
    version: i.version,
    disputes: i.disputes.length,
    disputed_topics: [...new Set(i.disputes.map((d) => d.topic))].join(' | ') || null,
    sources: linked.map((l) => l.link.who).join(' | ') || null,
    source_urls: linked.map((l) => l.link.url).filter(Boolean).join(' | ') || null,
    archive_urls: linked.map((l) => l.source?.archive_url).filter(Boolean).join(' | ') || null,
    evidence_hashes: i.evidence.map((e) => e.hash).join(' | ') || null,
    summary: i.summary,
    extra: i.extra ? JSON.stringify(i.extra) : null,
  };
}

export function incidentsCsv(incidents: Incident[], ctx: ExportContext): string {
  const rows = incidents.map((i) => flatIncident(i, ctx));
  const columns = Object.keys(flatIncident(emptyIncident(), ctx));
  return `${Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\n' })}\n`;
}

export function incidentsGeoJson(incidents: Incident[], ctx: ExportContext) {
  return {
    type: 'FeatureCollection' as const,
    name: ctx.investigation,
    features: incidents.map((i) => ({
      type: 'Feature' as const,
      id: i.id,
      // Incidents placed only in words ("international waters") keep a null geometry, as GeoJSON allows.
      geometry: i.lat !== null && i.lon !== null ? { type: 'Point' as const, coordinates: [i.lon, i.lat] } : null,
      properties: {
        ...flatIncident(i, ctx),
        sources: i.sources.map((s) => {
          const src = ctx.sourceOf(s.source_id);
          return { id: s.source_id, who: s.who, url: s.url, archive_url: src?.archive_url ?? null, role: s.role };
        }),
        evidence: i.evidence.map((e) => e.hash),
        disputes: i.disputes.map((d) => ({ topic: d.topic, resolution: d.resolution, claims: d.claims.map((c) => ({ claim: c.claim, source_id: c.source_id, note: c.note })) })),
      },
    })),
  };
}

/** Escapes the five XML specials; drops control characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function incidentsKml(incidents: Incident[], ctx: ExportContext): string {
  const placemark = (i: Incident) => {
    const flat = flatIncident(i, ctx);
    const data = Object.entries(flat)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `        <Data name="${xmlEscape(k)}"><value>${xmlEscape(String(v))}</value></Data>`)
      .join('\n');
    const killed = i.casualties.killed ? (i.casualties.killed.low === i.casualties.killed.high ? `${i.casualties.killed.low}` : `${i.casualties.killed.low}–${i.casualties.killed.high}`) : 'unknown';
    const name = `${i.ref} · ${i.date_start}${i.area ? ` · ${i.area}` : ''}`;
    const description = [i.location_text, `killed: ${killed}`, i.grade ? `grade: ${i.grade}` : null, `status: ${i.status}`, ...i.sources.map((s) => s.url ?? s.who)].filter(Boolean).join('\n');
    const point = i.lat !== null && i.lon !== null ? `\n      <Point><coordinates>${i.lon},${i.lat},0</coordinates></Point>` : '';
    return [
      `    <Placemark id="incident-${i.id}">`,
      `      <name>${xmlEscape(name)}</name>`,
      `      <TimeSpan><begin>${i.date_start}</begin><end>${i.date_end ?? i.date_start}</end></TimeSpan>`,
      `      <description>${xmlEscape(description)}</description>`,
      `      <ExtendedData>\n${data}\n      </ExtendedData>${point}`,
      `    </Placemark>`,
    ].join('\n');
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '  <Document>',
    `    <name>${xmlEscape(ctx.title)}</name>`,
    ctx.description ? `    <description>${xmlEscape(ctx.description)}</description>` : null,
    ...incidents.map(placemark),
    '  </Document>',
    '</kml>',
    '',
  ]
    .filter((l) => l !== null)
    .join('\n');
}

function emptyIncident(): Incident {
  return {
    id: 0,
    investigation: '',
    ref: '',
    status: 'unverified',
    version: 0,
    revision: 0,
    created_by: '',
    created_at: '',
    updated_by: '',
    updated_at: '',
    date_start: '',
    date_end: null,
    date_precision: 'day',
    location_text: null,
    area: null,
    country: null,
    iso3: null,
    lat: null,
    lon: null,
    event_type: null,
    sub_event_type: null,
    actor1: null,
    actor2: null,
    target: null,
    strikes: 1,
    units: { descriptions: [], count: null },
    casualties: { killed: null, civilians_killed: null, survivors: null, missing_presumed_dead: null },
    grade: null,
    summary: null,
    tags: null,
    extra: null,
    sources: [],
    disputes: [],
    checks: [],
    evidence: [],
  };
}
