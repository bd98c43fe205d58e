// Advance widths of DejaVu Sans, the house font, so that layout does not depend on the fonts of the machine.
// Per mille of the font size, for the printable ASCII characters 32–126 (measured from the font's hmtx table).
const REGULAR = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838];
const BOLD = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838];
// Other characters (accented letters, dashes) are about this wide on average.
const OTHER_REGULAR = 640;
const OTHER_BOLD = 700;
const WIDE = new Set(['\u2014', '\u2026']);

/** Width in pixels of a line of text set in DejaVu Sans at the given size. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code <= 126) units += table[code - 32] ?? 600;
    else if (WIDE.has(ch)) units += 1000;
    else if (code === 0x2013 || code === 0x2019 || code === 0x2018) units += code === 0x2013 ? 500 : 318;
    else units += bold ? OTHER_BOLD : OTHER_REGULAR;
  }
  return (units * fontSize) / 1000;
}

/** Breaks text into lines no wider than maxWidth, at spaces (a single long word keeps its own line). */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, fontSize, bold) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    if (line) lines.push(line);
  }
  return lines;
}
