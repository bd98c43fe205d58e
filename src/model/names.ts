// Name folding so that "Nangarhār", "NANGARHAR" and "nangarhar " match.
/** Lower-case, accents stripped, spaces collapsed: the key for accent-insensitive matching. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
