// Every text that comes from data passes through here before it reaches SVG or HTML.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for XML and HTML, in element content and in quoted attributes. */
export function escapeXml(text: string | number): string {
  return String(text)
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    // Control characters are not allowed in XML 1.0 and would break the SVG.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''); // eslint-disable-line no-control-regex
}
