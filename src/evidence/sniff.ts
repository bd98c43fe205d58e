// What a file is, from its bytes (magic numbers), never from its name.
import { fileTypeFromFile } from 'file-type';

export interface SniffedType {
  mime: string;
  ext: string;
}

/** The type file-type recognises, or null for bytes it does not know (plain text, odd formats). */
export async function sniffType(path: string): Promise<SniffedType | null> {
  const t = await fileTypeFromFile(path);
  return t ? { mime: t.mime, ext: t.ext } : null;
}
