// House style: fonts, colours and sizes, read from a theme JSON file and validated.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { dataFile } from './data-path.js';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
const px = z.number().positive().max(4000);

const sizeSchema = z.object({
  width: z.number().int().min(200).max(4000),
  padding: z.number().min(0).max(100),
  plotHeight: px,
  title: px,
  subtitle: px,
  label: px,
  small: px,
  pointMax: px,
  hexRadius: px,
  inset: px,
});

export const themeSchema = z.object({
  name: z.string().min(1),
  font: z.object({
    family: z.string().min(1),
    fallback: z.string(),
    /** Font files for PNG output, relative to the theme file; the system's DejaVu Sans is used when empty. */
    files: z.array(z.string()),
  }),
  colors: z.object({
    background: color,
    text: color,
    muted: color,
    grid: color,
    axis: color,
    accent: color,
    range: color,
    annotation: color,
    unknown: color,
    categorical: z.array(color).min(3, 'at least 3 categorical colours'),
    sequential: z.array(color).min(3, 'at least 3 sequential colours'),
  }),
  map: z.object({
    water: color,
    land: color,
    focus: color,
    border: color,
    focusBorder: color,
    admin: color,
    seaLabel: color,
    seaHatch: color,
    countryLabel: color,
    place: color,
  }),
  sizes: z.object({ mobile: sizeSchema, desktop: sizeSchema, wide: sizeSchema }),
});

export type Theme = z.infer<typeof themeSchema> & { dir?: string };
export type SizeName = keyof Theme['sizes'];
export type Size = z.infer<typeof sizeSchema>;

/** Reads and validates a theme file; throws with every problem listed. */
export function loadTheme(file: string): Theme {
  const parsed = themeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid theme ${file}: ${problems}`);
  }
  return { ...parsed.data, dir: dirname(resolve(file)) };
}

let fallback: Theme | null = null;
/** The shipped theme (data/themes/default.json). */
export function defaultTheme(): Theme {
  fallback ??= loadTheme(dataFile('themes/default.json'));
  return fallback;
}

/** The size preset for a named size or a width in pixels (typography from the nearest preset). */
export function resolveSize(theme: Theme, size: SizeName | number | undefined): Size {
  if (size === undefined) return theme.sizes.desktop;
  if (typeof size === 'string') return theme.sizes[size];
  const preset = size < 480 ? theme.sizes.mobile : size < 800 ? theme.sizes.desktop : theme.sizes.wide;
  return { ...preset, width: Math.round(size) };
}

/** The CSS font-family list of the theme. */
export function fontStack(theme: Theme): string {
  return [theme.font.family, theme.font.fallback].filter(Boolean).join(', ');
}
