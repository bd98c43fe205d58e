// Video facts through ffprobe, when the machine has it; absent, video metadata is skipped, not failed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const available = new Map<string, Promise<boolean>>();

/** Whether ffprobe can be run (looked up once per binary; FFPROBE names another one). */
export function ffprobeAvailable(): Promise<boolean> {
  const bin = ffprobeBinary();
  let known = available.get(bin);
  if (!known) {
    known = run(bin, ['-version'], { timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    available.set(bin, known);
  }
  return known;
}

function ffprobeBinary(): string {
  return process.env.FFPROBE || 'ffprobe';
}

export interface VideoFacts {
  duration_s: number | null;
  /** The container's creation_time tag (ISO, as the camera wrote it). */
  created_at: string | null;
  lat: number | null;
  lon: number | null;
  streams: { type: string; codec: string | null; width: number | null; height: number | null }[];
  tags: Record<string, string>;
}

interface ProbeOutput {
  format?: { duration?: string; tags?: Record<string, string> };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; tags?: Record<string, string> }[];
}

export async function probeVideo(path: string): Promise<VideoFacts> {
  const { stdout } = await run(ffprobeBinary(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], { timeout: 60_000, maxBuffer: 16 << 20 });
  const out = JSON.parse(stdout) as ProbeOutput;
  const tags = out.format?.tags ?? {};
  const duration = Number(out.format?.duration);
  const created = tags.creation_time ?? out.streams?.find((s) => s.tags?.creation_time)?.tags?.creation_time ?? null;
  const position = parseIso6709(tags['com.apple.quicktime.location.ISO6709'] ?? tags.location ?? null);
  return {
    duration_s: Number.isFinite(duration) ? duration : null,
    created_at: created,
    lat: position?.lat ?? null,
    lon: position?.lon ?? null,
    streams: (out.streams ?? []).map((s) => ({ type: s.codec_type ?? 'unknown', codec: s.codec_name ?? null, width: s.width ?? null, height: s.height ?? null })),
    tags,
  };
}

/** "+13.2500-101.5000+012.000/" (phones write the capture position this way) → lat, lon. */
export function parseIso6709(text: string | null): { lat: number; lon: number } | null {
  if (!text) return null;
  const m = /^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)/.exec(text.trim());
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}
