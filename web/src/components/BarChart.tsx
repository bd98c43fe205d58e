// A small bar chart of labelled counts (periods in order), drawn as SVG elements by React: no markup
// from elsewhere, every bar with its value as a tooltip, and the summary as the chart's label.
import { formatInt } from '../lib/format.js';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const W = 800;
const H = 200;
const PAD = { left: 40, right: 8, top: 12, bottom: 28 };

export function BarChart({ bars, label, unit }: { bars: Bar[]; label: string; unit: string }) {
  const top = Math.max(1, ...bars.map((b) => b.value));
  const step = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  // Label about eight bars across, whatever their number.
  const every = Math.max(1, Math.ceil(bars.length / 8));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="timeline-svg">
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
      <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" className="tick">
        {formatInt(top)}
      </text>
      <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" className="tick">
        0
      </text>
      {bars.map((b, i) => (
        <g key={b.key}>
          <rect x={PAD.left + i * step + step * 0.1} width={Math.max(1, step * 0.8)} y={y(b.value)} height={H - PAD.bottom - y(b.value)} className="bar">
            <title>{`${b.label}: ${formatInt(b.value)} ${unit}`}</title>
          </rect>
          {i % every === 0 && (
            <text x={PAD.left + i * step + step / 2} y={H - 10} textAnchor="middle" className="tick">
              {b.key}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
