// The demo investigation `boat-strikes`: one incident per row of data/demo/us_boat_strikes_2025.csv,
// with its sources, the disputes its notes record, grades and statuses. Running it again changes nothing.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { canMoveStatus, incidentInputSchema, type Actor, type DisputeInput, type Grade, type Incident, type IncidentInput, type IncidentStatus, type Source } from '../model/desk.js';
import { addDispute, resolveDispute } from '../store/desk/disputes.js';
import { createIncident, getIncident, listIncidents, setIncidentStatus, updateIncident } from '../store/desk/incidents.js';
import { createInvestigation } from '../store/desk/investigations.js';
import { addSource, linkSource, listSources } from '../store/desk/sources.js';
import type { Database } from '../store/schema.js';

export const DEMO_INVESTIGATION = 'boat-strikes';
const DEMO_FILE = new URL('../../data/demo/us_boat_strikes_2025.csv', import.meta.url);
const REBUILD_REASON = 'demo investigation rebuilt from its CSV';

interface StrikeRow {
  strike_no: string;
  date: string;
  area: string;
  strikes: string;
  vessels: string;
  killed: string;
  survivors: string;
  missing_presumed_dead: string;
  cumulative_strikes: string;
  cumulative_killed: string;
  notes: string;
  evidence: string;
  source_url: string;
  location_text: string;
  announced_by: string;
}

export interface DemoResult {
  investigation: string;
  incidents: number;
  created: number;
  updated: number;
  sources: number;
  disputes: number;
}

const int = (s: string): number | null => (s.trim() === '' ? null : Number.parseInt(s, 10));
const exact = (n: number | null) => (n === null ? null : { low: n, high: n });

/**
 * Grades, after Airwars. Every "verified" row was checked against its source page and is a strike the
 * United States announced itself: the belligerent accepts the strike and the deaths, which is what
 * Airwars calls confirmed. An "excerpt" row rests on one press report with no announcement recorded in
 * the file: weak. Disagreements over details are kept as disputes and in the status, not in the grade.
 */
function gradeOf(row: StrikeRow): Grade {
  return row.evidence.trim() === 'verified' ? 'confirmed' : 'weak';
}

/** Vessel descriptions where the notes give them; otherwise one plain entry per vessel. */
const VESSELS: Record<string, string[]> = {
  '2025-10-16': ['semi-submersible ("drug-carrying submarine"), 4 aboard'],
  '2025-10-27': ['vessel with 8 aboard (first strike, two vessels)', 'second vessel of the first strike', 'vessel with 4 aboard (second strike)', 'vessel with 3 aboard (third strike)'],
  '2025-11-09': ['vessel with 3 aboard (first strike)', 'vessel with 3 aboard (second strike)'],
  '2025-12-22': ['low-profile vessel'],
  '2025-12-30': ['first vessel of a convoy of 3', 'second vessel of the convoy', 'third vessel of the convoy'],
};

function incidentInput(row: StrikeRow): IncidentInput {
  const strikes = int(row.strikes) ?? 1;
  const vessels = int(row.vessels);
  const killed = int(row.killed);
  const missing = int(row.missing_presumed_dead);
  return {
    ref: refOf(row),
    date_start: row.date,
    date_precision: 'day',
    location_text: row.location_text.trim() || null,
    // The analysis splits by area: stored as the event's admin1 ("unspecified" is no area).
    area: /^(|unspecified)$/i.test(row.area.trim()) ? null : row.area.trim(),
    actor1: 'United States',
    target: 'Vessel',
    event_type: 'Strike',
    sub_event_type: 'Strike on vessel',
    strikes,
    units: {
      descriptions: VESSELS[row.date] ?? Array.from({ length: vessels ?? 0 }, () => 'boat the US says carried drugs'),
      count: exact(vessels),
    },
    casualties: {
      // Killed in the strikes at least; at most with the survivors never found.
      killed: killed === null ? null : { low: killed, high: killed + (missing ?? 0) },
      civilians_killed: null,
      survivors: exact(int(row.survivors)),
      missing_presumed_dead: exact(missing),
    },
    grade: gradeOf(row),
    summary: row.notes.trim() || null,
    extra: {
      strike_no: row.strike_no.trim() || null,
      cumulative_strikes: int(row.cumulative_strikes),
      cumulative_killed: int(row.cumulative_killed),
      evidence: row.evidence.trim() || null,
    },
  };
}

const refOf = (row: StrikeRow) => `strike-${row.date}`;

interface DemoClaim {
  claim: string;
  /** The row's URL the claim comes from, or 'announcement' for the official post; null when the row names no link. */
  from: string | 'announcement' | null;
  note?: string;
}

interface DemoDispute {
  topic: string;
  claims: DemoClaim[];
  /** Whether the dispute is over the incident's own facts (then the incident is disputed, not verified). */
  aboutIncident: boolean;
  resolution?: string;
}

/** The disagreements the notes column records, by strike date. */
const DISPUTES: Record<string, DemoDispute[]> = {
  '2025-09-02': [
    {
      topic: 'survivors',
      aboutIncident: false,
      claims: [
        { claim: 'Eleven killed by the strike; no survivors mentioned.', from: 'announcement' },
        { claim: 'Two men survived the first hit and were killed by a follow-up strike ordered by Adm. Bradley.', from: null, note: 'Washington Post report (no link in the row)' },
      ],
      resolution: 'Confirmed by White House and Adm. Bradley briefings: two survivors of the first hit were killed in the follow-up strike, so 0 final survivors.',
    },
  ],
  '2025-09-15': [
    {
      topic: 'location',
      aboutIncident: true,
      claims: [
        { claim: 'International waters; the boat came from Venezuela (Trump named Tren de Aragua); exact location not released.', from: 'announcement' },
        {
          claim: 'The strike killed Colombian fisherman Alejandro Carranza of Santa Marta in Colombian waters; his boat was adrift with engine failure.',
          from: 'https://menafn.com/1110216301/Colombian-President-Accuses-US-of-Killing-Innocent-Fisherman',
          note: 'Colombian President Petro (he dated it 16 Sept; the family says 15 Sept)',
        },
      ],
    },
    {
      topic: 'units',
      aboutIncident: false,
      claims: [
        { claim: 'One boat hit in the second strike.', from: 'https://gcaptain.com/u-s-military-conducts-second-strike-against-venezuelan-vessel-in-international-waters-killing-three' },
        { claim: '"Three boats, not two" had been hit.', from: null, note: 'Trump on 16 Sept; no third strike was ever documented' },
      ],
    },
  ],
  '2025-10-03': [
    {
      topic: 'strike count',
      aboutIncident: false,
      claims: [
        { claim: 'One strike on 3 Oct, 4 killed.', from: 'https://airwars.org/civilian-casualties/usmar251003a-october-3-2025' },
        { claim: '"We did another one last night": a possible further strike on 4 Oct (Airwars USMAR251004a), never officially confirmed.', from: 'https://airwars.org/?p=281005', note: 'not counted here' },
      ],
    },
  ],
  '2025-10-16': [
    {
      topic: 'killed',
      aboutIncident: false,
      claims: [
        { claim: 'At least 1 killed.', from: null, note: 'early reports after Reuters first reported the strike on 17 Oct' },
        { claim: '2 killed, 2 survivors.', from: 'announcement', note: "Trump's post of 18 Oct" },
      ],
      resolution: 'The official count of 2 killed, published after the early reports, is the one the file keeps.',
    },
  ],
  '2025-10-24': [
    {
      topic: 'running total',
      aboutIncident: false,
      claims: [
        { claim: 'Campaign total 43 killed.', from: 'https://newsday.co.tt/2025/10/24/tenth-us-strike-off-venezuela-claims-six-lives/' },
        { claim: 'Campaign total "at least 46".', from: null, note: 'AP; inconsistent with later AP totals (57 after 27 Oct)' },
      ],
    },
  ],
  '2025-10-27': [
    {
      topic: 'units',
      aboutIncident: true,
      claims: [
        { claim: 'Three strikes on four vessels.', from: 'announcement', note: 'Hegseth' },
        { claim: 'Three vessels.', from: null, note: 'Military Times list of strikes (no link in the row)' },
      ],
    },
    {
      topic: 'location',
      aboutIncident: true,
      claims: [
        { claim: 'Off the coast of Colombia.', from: 'https://www.katc.com/us-news/military/us-launches-3-strikes-on-suspected-drug-boats-near-colombia-killing-14-people' },
        { claim: 'Off Mexico: survivor search more than 400 nautical miles south-west of Acapulco.', from: 'https://www.channelstv.com/2025/10/29/search-for-survivor-of-us-boat-strike-failed-says-mexico/', note: 'Mexican Navy (Semar) and AFP' },
      ],
    },
  ],
  '2025-11-04': [
    {
      topic: 'running total',
      aboutIncident: false,
      claims: [
        { claim: 'At least 66 killed in 16 strikes on 17 boats.', from: 'https://www.kbbi.org/npr-news/2025-11-04/trump-administration-announces-16th-deadly-strike-on-an-alleged-drug-boat' },
        { claim: '67 killed, counting the presumed-dead survivor of 27 Oct.', from: null, note: 'Just Security overview as of 6 Nov' },
      ],
    },
  ],
  '2025-11-09': [
    {
      topic: 'running total',
      aboutIncident: false,
      claims: [
        { claim: '72 killed in the campaign.', from: 'https://bnonews.com/index.php/2025/11/u-s-conducts-2-strikes-on-drug-smuggling-vessels-in-the-eastern-pacific-6-killed/' },
        { claim: '76 killed, including the presumed-dead survivor.', from: null, note: 'CNN' },
      ],
    },
  ],
  '2025-11-10': [
    {
      topic: 'date',
      aboutIncident: true,
      claims: [
        { claim: 'Strike on 10 Nov.', from: 'announcement', note: 'US Southern Command' },
        { claim: 'Strike on Tuesday 11 Nov (later corrected to 10 Nov).', from: null, note: 'CBS, first report' },
        { claim: 'Strike on the Wednesday (12 Nov).', from: null, note: 'New York Times' },
      ],
    },
  ],
  '2025-11-15': [
    {
      topic: 'running total',
      aboutIncident: false,
      claims: [
        { claim: '83 killed aboard 22 vessels.', from: 'https://english.almayadeen.net/news/politics/us-strike-kills-three-in-new-attack-in-eastern-pacific', note: 'also BNO' },
        { claim: '82 killed (SOUTHCOM figure, without the presumed-dead survivor).', from: 'https://www.crbcnews.com/articles/691abe6d33c40ffc1c0541b9' },
      ],
    },
  ],
  '2025-12-04': [
    {
      topic: 'running total',
      aboutIncident: false,
      claims: [
        { claim: 'Death toll at least 87 (86 killed on impact plus the presumed-dead survivor of 27 Oct).', from: 'https://bharathorizon.com/world/usa/us-pacific-strike-kills-4-death-toll-rises-to-87.html', note: 'AP' },
        { claim: 'Death toll 86.', from: 'https://www.crbcnews.com/articles/693256bf363c590805d1e250' },
      ],
    },
  ],
  '2025-12-30': [
    {
      topic: 'killed',
      aboutIncident: true,
      claims: [
        { claim: '3 killed on the first vessel; the others jumped overboard.', from: 'https://www.latintimes.com/death-toll-strikes-against-alleged-drug-boats-now-stands-115-593150' },
        { claim: '11 killed (campaign total then 123).', from: null, note: 'US Southern Command, later revision' },
      ],
    },
  ],
};

export async function readStrikeRows(file: string | URL = DEMO_FILE): Promise<StrikeRow[]> {
  const text = await readFile(file, 'utf8');
  const parsed = Papa.parse<StrikeRow>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`boat strikes file: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data;
}

const URL_IN_TEXT = /https?:\/\/[^\s;,]+/g;

function notesUrls(notes: string): string[] {
  return [...new Set((notes.match(URL_IN_TEXT) ?? []).map((u) => u.replace(/[.)]+$/, '')))];
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/**
 * Builds (or brings up to date) the demo investigation; the actor becomes its owner when it is new.
 * One transaction: the investigation appears whole or not at all.
 */
export async function buildBoatStrikesDemo(actor: Actor, db: Kysely<Database>, opts: { file?: string | URL } = {}): Promise<DemoResult> {
  const rows = await readStrikeRows(opts.file);
  return db.transaction().execute((trx) => build(actor, trx, rows));
}

async function build(actor: Actor, db: Kysely<Database>, rows: StrikeRow[]): Promise<DemoResult> {
  const exists = await db.selectFrom('investigations').select('id').where('name', '=', DEMO_INVESTIGATION).executeTakeFirst();
  if (!exists) {
    await createInvestigation(actor, db, {
      name: DEMO_INVESTIGATION,
      title: 'US military strikes on alleged drug boats, Caribbean and Eastern Pacific',
      description:
        'One incident per strike date, compiled from news reports and official announcements (URLs per incident). ' +
        'Rows after 4 Dec 2025 have no strike number and rest on a single report each.',
    });
  }
  const incidents = new Map((await listIncidents(actor, db, DEMO_INVESTIGATION)).map((i) => [i.ref, i]));
  const sources = await listSources(actor, db, DEMO_INVESTIGATION);
  const result: DemoResult = { investigation: DEMO_INVESTIGATION, incidents: rows.length, created: 0, updated: 0, sources: 0, disputes: 0 };

  const sourceFor = async (key: { who: string; title: string | null; url: string | null }): Promise<Source> => {
    const found = sources.find((s) => (key.url ? s.url === key.url : s.url === null && s.who === key.who && s.title === key.title));
    if (found) return found;
    const made = await addSource(actor, db, DEMO_INVESTIGATION, { who: key.who, title: key.title, url: key.url });
    sources.push(made);
    return made;
  };

  for (const row of rows) {
    const input = incidentInput(row);
    let incident = incidents.get(refOf(row));
    if (!incident) {
      incident = await createIncident(actor, db, DEMO_INVESTIGATION, input);
      result.created++;
    } else {
      const { ref: _ref, ...fields } = incidentInputSchema.parse(input);
      const before = incident.version;
      incident = await updateIncident(actor, db, incident.id, fields, { version: incident.version, reason: REBUILD_REASON });
      if (incident.version !== before) result.updated++;
    }

    // Sources: the official announcement, the page the row was checked against, and the other links in the notes.
    const linked = new Set(incident.sources.map((s) => s.source_id));
    const link = async (s: Source, role: string) => {
      if (!linked.has(s.id)) await linkSource(actor, db, s.id, incident!.id, role);
      linked.add(s.id);
    };
    const announcement = row.announced_by.trim()
      ? await sourceFor({ who: row.announced_by.trim(), title: `Announcement of the strike${input.strikes === 1 ? '' : 's'} of ${row.date}`, url: null })
      : null;
    if (announcement) await link(announcement, 'announcement');
    const reportUrl = row.source_url.trim();
    if (reportUrl) await link(await sourceFor({ who: hostOf(reportUrl), title: null, url: reportUrl }), 'report');
    for (const url of notesUrls(row.notes)) {
      if (url !== reportUrl) await link(await sourceFor({ who: hostOf(url), title: null, url }), 'corroboration');
    }

    // Disputes the notes record, once each (by topic).
    const topics = new Set(incident.disputes.map((d) => d.topic));
    for (const d of DISPUTES[row.date] ?? []) {
      if (topics.has(d.topic)) continue;
      const claims: DisputeInput['claims'] = [];
      for (const c of d.claims) {
        const source = c.from === 'announcement' ? announcement : c.from === null ? null : await sourceFor({ who: hostOf(c.from), title: null, url: c.from });
        if (source) await link(source, c.from === 'announcement' ? 'announcement' : 'report');
        claims.push({ claim: c.claim, source_id: source?.id ?? null, note: c.note ?? null });
      }
      const made = await addDispute(actor, db, incident.id, { topic: d.topic, claims });
      if (d.resolution) await resolveDispute(actor, db, made.id, d.resolution);
      result.disputes++;
    }

    await moveTo(actor, db, incident.id, targetStatus(row));
  }
  result.sources = sources.length;
  return result;
}

/** Excerpt rows wait for review; checked rows are verified, or disputed where their own facts are contested. */
function targetStatus(row: StrikeRow): IncidentStatus {
  if (row.evidence.trim() !== 'verified') return 'unverified';
  return (DISPUTES[row.date] ?? []).some((d) => d.aboutIncident && !d.resolution) ? 'disputed' : 'verified';
}

async function moveTo(actor: Actor, db: Kysely<Database>, id: number, target: IncidentStatus): Promise<Incident> {
  let incident = await getIncident(actor, db, id);
  for (let steps = 0; incident.status !== target && steps < 4; steps++) {
    const next: IncidentStatus = canMoveStatus(incident.status, target) ? target : 'in_review';
    incident = await setIncidentStatus(actor, db, id, next, { version: incident.version, reason: REBUILD_REASON });
  }
  return incident;
}
