// The font files for PNG output: the theme's own, or DejaVu Sans found where systems keep it.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Theme } from './theme.js';

const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/truetype',
  '/usr/local/share/fonts',
  '/Library/Fonts',
  join(homedir(), 'Library/Fonts'),
  join(homedir(), '.fonts'),
  join(homedir(), '.local/share/fonts'),
];
const DEJAVU = /^DejaVuSans(-Bold|-Oblique|-BoldOblique)?\.ttf$/;

export interface FontChoice {
  files: string[];
  /** When no file is found, resvg falls back to the system's fonts (slower, and may differ). */
  system: boolean;
}

const cache = new Map<string, FontChoice>();

/** The font files resvg should load for this theme. */
export function fontsFor(theme: Theme): FontChoice {
  const key = `${theme.dir ?? ''}|${theme.font.files.join('|')}`;
  const known = cache.get(key);
  if (known) return known;
  let files = theme.font.files.map((f) => (isAbsolute(f) || !theme.dir ? f : join(theme.dir, f))).filter((f) => existsSync(f));
  if (!files.length) {
    for (const dir of FONT_DIRS) {
      if (!existsSync(dir)) continue;
      files = readdirSync(dir).filter((f) => DEJAVU.test(f)).map((f) => join(dir, f));
      if (files.length) break;
    }
  }
  const choice = { files, system: files.length === 0 };
  cache.set(key, choice);
  return choice;
}
