// A self-contained HTML embed: the SVG inline, the data behind a toggle, downloads as data: links,
// no request to anywhere else, and a script that tells the parent page its height.
import { escapeXml } from './escape.js';
import { idPrefixFor } from './frame.js';
import type { DataTable } from './types.js';

export interface EmbedInput {
  svg: string;
  title: string;
  description?: string;
  altText: string;
  table: DataTable;
  csv: string;
  spec?: object;
  /** Identifies the embed in its height messages (default: from the title). */
  id?: string;
}

/** The message type the embed posts to its parent. */
export const HEIGHT_MESSAGE = 'groundtruth:height';

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'graphic';
}

function dataUri(type: string, text: string): string {
  return `data:${type};charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}

/** A JavaScript string literal that cannot close the script element. */
function jsString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function htmlTable(table: DataTable, caption: string): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeXml(c)}</th>`).join('');
  const rows = table.rows
    .map((row) => `<tr>${row.map((v) => `<td${typeof v === 'number' ? ' class="n"' : ''}>${escapeXml(v ?? '')}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><caption>${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:#fff;color:#1a1a1a;font-family:"DejaVu Sans",Verdana,Arial,sans-serif}
figure{margin:0}
.gt-graphic svg{display:block;width:100%;height:auto}
details{margin:8px 12px 12px;font-size:13px}
summary{cursor:pointer;color:#0a5a8f}
summary:focus-visible,a:focus-visible{outline:2px solid #0072b2;outline-offset:2px}
.gt-table{overflow-x:auto;max-height:360px;overflow-y:auto}
table{border-collapse:collapse;margin:8px 0;font-size:12px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0a5a8f}
`.trim();

export function embedHtml(input: EmbedInput): string {
  const id = input.id ?? idPrefixFor(input.title, input.altText);
  const name = slug(input.title);
  const links = [`<a download="${name}.csv" href="${dataUri('text/csv', input.csv)}">Download the data (CSV)</a>`];
  if (input.spec) links.push(`<a download="${name}.vl.json" href="${dataUri('application/json', JSON.stringify(input.spec, null, 2))}">Vega-Lite specification</a>`);
  const script = `(function(){var id=${jsString(id)},last=0;
function post(){var h=Math.ceil(document.documentElement.getBoundingClientRect().height);if(h===last)return;last=h;
if(window.parent!==window)window.parent.postMessage({type:${jsString(HEIGHT_MESSAGE)},id:id,height:h},'*');}
window.addEventListener('load',post);window.addEventListener('resize',post);document.addEventListener('toggle',post,true);
if('ResizeObserver' in window)new ResizeObserver(post).observe(document.body);post();})();`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${escapeXml(input.title)}</title>
${input.description ? `<meta name="description" content="${escapeXml(input.description)}">\n` : ''}<style>${STYLE}</style>
</head>
<body>
<figure id="${escapeXml(id)}">
<div class="gt-graphic">${input.svg}</div>
<details>
<summary>Data behind this graphic</summary>
<div class="gt-table">${htmlTable(input.table, input.title)}</div>
<p>${links.join(' · ')}</p>
</details>
</figure>
<script>${script}</script>
</body>
</html>
`;
}

export interface SnippetOptions {
  id?: string;
  title?: string;
  /** Height before the embed reports its own (default 500). */
  height?: number;
}

/** The iframe and listener to paste into a page that shows an embed hosted at `url`. */
export function embedSnippet(url: string, options: SnippetOptions = {}): string {
  // Only web addresses and relative paths: a javascript: or data: URL has no place in an iframe we hand out.
  if (/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) && !/^https?:\/\//i.test(url.trim())) throw new Error(`not a web address to embed: ${url}`);
  const id = options.id ?? idPrefixFor(url);
  const frameId = `${id}-frame`;
  return `<iframe id="${escapeXml(frameId)}" src="${escapeXml(url)}" title="${escapeXml(options.title ?? 'Graphic')}" ` +
    `style="width:100%;border:0;display:block" height="${Math.round(options.height ?? 500)}" scrolling="no" loading="lazy"></iframe>
<script>
(function () {
  var frame = document.getElementById(${jsString(frameId)});
  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (data && data.type === ${jsString(HEIGHT_MESSAGE)} && typeof data.height === 'number' && data.height > 0) {
      frame.style.height = Math.ceil(data.height) + 'px';
    }
  });
})();
</script>
`;
}
