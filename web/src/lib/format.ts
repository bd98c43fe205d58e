// Numbers, dates and sizes as a reader expects them.
const INT = new Intl.NumberFormat('en-GB');

export const formatInt = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : INT.format(n));

export function formatRange(r: { low: number; high: number } | null | undefined): string {
  if (!r) return '–';
  return r.low === r.high ? formatInt(r.low) : `${formatInt(r.low)}–${formatInt(r.high)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** "2026-11-28T13:43:19.155Z" → "28 Nov 2026, 13:43 UTC": times stay in UTC, as the audit log keeps them. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}, ${d.toISOString().slice(11, 16)} UTC`;
}

export const MEASURE_LABELS = { events: 'Events', fatalities: 'Fatalities', civilian_fatalities: 'Civilian fatalities', units: 'Units hit' } as const;

export const humanize = (s: string) => s.replace(/_/g, ' ');
