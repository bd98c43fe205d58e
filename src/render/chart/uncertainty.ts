// Low/best/high: marks show the best estimate; error bars or a band show the range, and a note says so.

/** Error bars from low to high, at `x` (a temporal midpoint or a nominal key). */
export function errorBars(x: Record<string, unknown>, color: string, capSize: number, title: string | null, horizontal = false): Record<string, unknown> {
  const value = (field: string) => ({ field, type: 'quantitative', title });
  const encoding = horizontal
    ? { y: x, x: value('low'), x2: { field: 'high' } }
    : { x, y: value('low'), y2: { field: 'high' } };
  return {
    mark: { type: 'errorbar', ticks: { size: capSize, color }, rule: { color, strokeWidth: 1.5 } },
    encoding,
  };
}

/** A shaded band from low to high behind a line. */
export function rangeBand(x: Record<string, unknown>, color: string, interpolate = 'linear', colorBy?: Record<string, unknown>): Record<string, unknown> {
  return {
    mark: { type: 'area', opacity: 0.3, color, interpolate },
    encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, ...(colorBy ? { color: colorBy } : {}) },
  };
}

export function rangeNote(marks: 'bars' | 'line' | 'lines'): string {
  return marks === 'bars'
    ? 'Bars show the best estimate; the thin lines show the range from the low to the high estimate.'
    : `The ${marks === 'line' ? 'line shows' : 'lines show'} the best estimate; the shaded band shows the range from the low to the high estimate.`;
}
