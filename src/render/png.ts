// SVG → PNG with resvg, at 1× or 2× (for high-density screens), in the house font.
import { Resvg } from '@resvg/resvg-js';
import { fontsFor } from './fonts.js';
import { defaultTheme } from './theme.js';
import type { Theme } from './theme.js';

export interface PngOptions {
  /** Pixel density: 1 for the SVG's own size, 2 for retina screens (default 1). */
  scale?: number;
  theme?: Theme;
}

export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 8)) throw new Error(`PNG scale must be above 0 and at most 8, not ${scale}`);
  const theme = options.theme ?? defaultTheme();
  const fonts = fontsFor(theme);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: fonts.system,
      fontFiles: fonts.files,
      defaultFontFamily: theme.font.family,
      sansSerifFamily: theme.font.family,
    },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}

/** A chart's (or map's) SVG as PNG. */
export const chartToPng = svgToPng;

/** Width and height read from a PNG's header (the IHDR chunk). */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
