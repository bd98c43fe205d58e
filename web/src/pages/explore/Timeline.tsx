// Events (or the chosen measure) per week or month, drawn as bars on a time axis. Breakdowns list only
// the periods that have events, so the bars are placed by date and empty periods stay empty.
import { qs } from '../../api/client.js';
import { Link } from '../../app/router.js';
import type { Breakdown, Measure } from '../../api/types.js';
import { formatInt, MEASURE_LABELS } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';
import { timelinePath, type Grain } from './requests.js';

const W = 800;
const H = 150;
const PAD = { left: 44, right: 24, top: 10, bottom: 22 };


function periodStart(key: string, grain: Grain): number {
  return Date.parse(grain === 'month' ? `${key}-01T00:00:00Z` : `${key}T00:00:00Z`);
}

function periodEnd(start: number, grain: Grain): number {
  if (grain === 'week') return start + 7 * 86_400_000;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** About six year (or month) ticks across the span. */
function ticks(min: number, max: number): { at: number; label: string }[] {
  const y0 = new Date(min).getUTCFullYear();
  const y1 = new Date(max).getUTCFullYear();
  if (y1 - y0 >= 2) {
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 6));
    const out = [];
    for (let y = y0 + (y0 % step === 0 ? 0 : step - (y0 % step)); y <= y1; y += step) out.push({ at: Date.UTC(y, 0, 1), label: String(y) });
    return out.filter((t) => t.at >= min && t.at <= max);
  }
  const out = [];
  const start = new Date(min);
  for (let m = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1); m <= max; ) {
    const d = new Date(m);
    out.push({ at: m, label: d.toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }) });
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 1);
  }
  return out.filter((t) => t.at >= min);
}

export function Timeline({ filter, measure, grain, onGrain }: { filter: string; measure: Measure; grain: Grain; onGrain(g: Grain): void }) {
  const { data, loading } = useApi<Breakdown>(timelinePath(filter, measure, grain));
  const rows = (data?.rows ?? []).filter((r) => !r.other && r.keys[grain]);
  const bars = rows.map((r) => {
    const start = periodStart(r.keys[grain]!, grain);
    return { start, end: periodEnd(start, grain), value: r.value.low, label: r.label };
  });
  const min = Math.min(...bars.map((b) => b.start));
  const max = Math.max(...bars.map((b) => b.end));
  const top = Math.max(1, ...bars.map((b) => b.value));
  const x = (t: number) => PAD.left + ((t - min) / Math.max(1, max - min)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const unit = MEASURE_LABELS[measure].toLowerCase();
  const peak = bars.reduce<(typeof bars)[number] | null>((a, b) => (a === null || b.value > a.value ? b : a), null);
  const summary = bars.length === 0 ? `No ${unit} to show` : `${MEASURE_LABELS[measure]} per ${grain}, at least: ${bars.length} ${grain}s with events; the highest is ${peak!.label} with ${formatInt(peak!.value)}.`;

  return (
    <section className="timeline card" aria-labelledby="timeline-title" aria-busy={loading}>
      <div className="card-head">
        <h2 id="timeline-title">Timeline</h2>
        <Link href={`/charts${qs({ q: filter, measure, by: grain === 'month' ? null : grain })}`} className="push">
          Make a chart of this
        </Link>
        <div role="group" aria-label="Period" className="segmented">
          {(['week', 'month'] as const).map((g) => (
            <button key={g} type="button" aria-pressed={grain === g} onClick={() => onGrain(g)}>
              by {g}
            </button>
          ))}
        </div>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="timeline-svg">
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" className="tick">
          {formatInt(top)}
        </text>
        <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" className="tick">
          0
        </text>
        {bars.length > 0 &&
          ticks(min, max).map((t) => (
            <text key={t.at} x={x(t.at)} y={H - 6} textAnchor="middle" className="tick">
              {t.label}
            </text>
          ))}
        {bars.map((b) => (
          <rect key={b.start} x={x(b.start)} width={Math.max(1.5, x(b.end) - x(b.start) - 0.5)} y={y(b.value)} height={H - PAD.bottom - y(b.value)} className="bar">
            <title>{`${b.label}: ${formatInt(b.value)} ${unit}`}</title>
          </rect>
        ))}
      </svg>
    </section>
  );
}
