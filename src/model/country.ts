// Countries normalised to ISO 3166 alpha-3, from a name, an alpha-2/alpha-3 code or a numeric code.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { foldName } from './names.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

// Spellings seen in ACLED and UCDP that the ISO names do not cover.
const EXTRA_NAMES: Record<string, string> = {
  'democratic republic of congo': 'COD',
  'dr congo': 'COD',
  'drc': 'COD',
  'republic of congo': 'COG',
  'congo': 'COG',
  'ivory coast': 'CIV',
  "cote d'ivoire": 'CIV',
  'russia (soviet union)': 'RUS',
  'yemen (north yemen)': 'YEM',
  'kingdom of eswatini': 'SWZ',
  'eswatini': 'SWZ',
  'palestine': 'PSE',
  'kosovo': 'XKX',
  'turkey': 'TUR',
  'turkiye': 'TUR',
  'united states': 'USA',
  'united kingdom': 'GBR',
  'czech republic': 'CZE',
  'bosnia-herzegovina': 'BIH',
  'cambodia (kampuchea)': 'KHM',
  'myanmar (burma)': 'MMR',
  'zimbabwe (rhodesia)': 'ZWE',
  'madagascar (malagasy)': 'MDG',
  'serbia (yugoslavia)': 'SRB',
  'international waters': 'XIW',
  // Short names ACLED uses for its country column.
  'syria': 'SYR',
  'laos': 'LAO',
  'moldova': 'MDA',
  'micronesia': 'FSM',
  'federated states of micronesia': 'FSM',
  'brunei': 'BRN',
  'east timor': 'TLS',
  'cabo verde': 'CPV',
  'macedonia': 'MKD',
  'vatican city': 'VAT',
  'bailiwick of guernsey': 'GGY',
  'bailiwick of jersey': 'JEY',
  'caribbean netherlands': 'BES',
  'falkland islands': 'FLK',
  'sint maarten': 'SXM',
  'macau': 'MAC',
  'saint-barthelemy': 'BLM',
  'saint-martin': 'MAF',
  'saint helena, ascension and tristan da cunha': 'SHN',
};

let byName: Map<string, string> | null = null;
function nameIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const [alpha2, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    const a3 = countries.alpha2ToAlpha3(alpha2);
    if (!a3) continue;
    for (const n of names) byName.set(foldName(n), a3);
  }
  for (const [n, a3] of Object.entries(EXTRA_NAMES)) byName.set(foldName(n), a3);
  return byName;
}

/** ISO alpha-3 for a country name or code, or null when unknown. */
export function toIso3(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (s === '') return null;
  if (/^\d{1,3}$/.test(s)) return countries.numericToAlpha3(s.padStart(3, '0')) ?? null;
  if (/^[A-Za-z]{3}$/.test(s) && countries.isValid(s.toUpperCase())) return s.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(s) && countries.isValid(s.toUpperCase())) return countries.alpha2ToAlpha3(s.toUpperCase()) ?? null;
  if (/^XIW$|^XKX$/i.test(s)) return s.toUpperCase();
  return nameIndex().get(foldName(s)) ?? null;
}

/** The English short name of an alpha-3 code. */
export function countryName(iso3: string): string | null {
  if (iso3 === 'XKX') return 'Kosovo';
  if (iso3 === 'XIW') return 'International waters';
  return countries.getName(iso3, 'en') ?? null;
}
