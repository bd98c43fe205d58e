// Douglas–Peucker on a TopoJSON's arcs rather than on each country's rings: a border is one arc shared
// by both neighbours, so it is simplified once and they still meet along it, with no gap or overlap.
import type { Position } from 'geojson';
import type { Topology } from 'topojson-specification';

/** The arc in coordinates: quantized topologies store integer steps from the previous point. */
function decode(arc: Position[], transform: Topology['transform']): Position[] {
  if (!transform) return arc;
  const [sx, sy] = transform.scale;
  const [tx, ty] = transform.translate;
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx!;
    y += dy!;
    return [x * sx + tx, y * sy + ty];
  });
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const [px, py] = p as [number, number];
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Marks the points of line[from..to] that stay (iteratively: long coasts would overflow a recursion). */
function keepPoints(line: Position[], from: number, to: number, tolerance: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[from, to]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let far = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegment(line[i]!, line[a]!, line[b]!);
      if (d > far) {
        far = d;
        worst = i;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([a, worst], [worst, b]);
  }
}

export function simplifyLine(line: Position[], tolerance: number): Position[] {
  if (line.length <= 2) return line;
  const keep = new Uint8Array(line.length);
  const last = line.length - 1;
  keep[0] = 1;
  keep[last] = 1;
  const first = line[0]!;
  const closed = first[0] === line[last]![0] && first[1] === line[last]![1];
  if (closed) {
    // A closed arc (an island) has no chord to measure from: split it at its point farthest from the start.
    let split = 1;
    for (let i = 2; i < last; i++) if (Math.hypot(line[i]![0]! - first[0]!, line[i]![1]! - first[1]!) > Math.hypot(line[split]![0]! - first[0]!, line[split]![1]! - first[1]!)) split = i;
    keep[split] = 1;
    keepPoints(line, 0, split, tolerance, keep);
    keepPoints(line, split, last, tolerance, keep);
  } else {
    keepPoints(line, 0, last, tolerance, keep);
  }
  return line.filter((_, i) => keep[i] === 1);
}

/** The topology with every arc simplified to within `tolerance` (in degrees) and no longer quantized. */
export function simplifyTopology(topo: Topology, tolerance: number): Topology {
  const arcs = topo.arcs.map((arc) => simplifyLine(decode(arc, topo.transform), tolerance));
  const { transform: _quantized, ...rest } = topo;
  return { ...rest, arcs };
}
