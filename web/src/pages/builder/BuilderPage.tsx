// The chart and map builder: a filter, what to split by, the kind and the size → a preview drawn by the
// server, exports as SVG, PNG and self-contained HTML, and the snippet that embeds it in a page.
import { useState, type FormEvent } from 'react';
import { useQueryState } from '../../app/router.js';
import { isEditor, useSession } from '../../app/session.js';
import { MEASURE_LABELS } from '../../lib/format.js';
import { EmbedPanel } from './EmbedPanel.js';
import { CHART_KINDS, EXPORTS, graphicUrl, MAP_KINDS, SIZES, splits, type GraphicSpec } from './graphics-api.js';
import { Preview } from './Preview.js';

const BY = ['month', 'week', 'year', 'day', 'country', 'admin1', 'admin2', 'actor1', 'actor2', 'event_type', 'dataset'];
const DEFAULTS: GraphicSpec = { graphic: 'chart', q: '', measure: 'fatalities', by: 'month', kind: 'bar', size: 'desktop', title: '' };

export default function BuilderPage() {
  const { me } = useSession();
  const state = useQueryState();
  const as = state.get('preview') === 'html' ? 'html' : 'svg';
  const spec = Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, state.get(k, v)])) as unknown as GraphicSpec;
  const [draft, setDraft] = useState(spec);
  const set = (k: keyof GraphicSpec, v: string) =>
    setDraft((d) => {
      const next = { ...d, [k]: v };
      // Each graphic has its own kinds: switching keeps a kind that exists.
      if (k === 'graphic') next.kind = v === 'map' ? 'points' : 'bar';
      return next;
    });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    state.set(Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v === DEFAULTS[k as keyof GraphicSpec] ? null : v])));
  };
  const kinds = draft.graphic === 'map' ? MAP_KINDS : CHART_KINDS;
  const needsBy = splits(draft);

  return (
    <div className="two-col builder">
      <form className="card stack" onSubmit={apply} aria-labelledby="builder-title">
        <h1 id="builder-title">Charts and maps</h1>
        <fieldset>
          <legend>Graphic</legend>
          <div className="row">
            {(['chart', 'map'] as const).map((g) => (
              <label key={g} className="inline">
                <input type="radio" name="graphic" value={g} checked={draft.graphic === g} onChange={() => set('graphic', g)} /> {g}
              </label>
            ))}
          </div>
        </fieldset>
        <label>
          Filter
          <input name="q" value={draft.q} onChange={(e) => set('q', e.target.value)} spellCheck={false} placeholder="country:AFG date:2015..2018" />
        </label>
        <div className="row">
          <label>
            Measure
            <select name="measure" value={draft.measure} onChange={(e) => set('measure', e.target.value)}>
              {Object.entries(MEASURE_LABELS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          {needsBy && (
            <label>
              By
              <select name="by" value={draft.by} onChange={(e) => set('by', e.target.value)}>
                {(draft.graphic === 'map' ? ['admin1', 'country'] : BY).map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
            </label>
          )}
          <label>
            Kind
            <select name="kind" value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
              {kinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Size
            <select name="size" value={draft.size} onChange={(e) => set('size', e.target.value)}>
              {SIZES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Title (default: from the measure and the split)
          <input name="title" value={draft.title} onChange={(e) => set('title', e.target.value)} />
        </label>
        <div>
          <button type="submit">Preview</button>
        </div>
      </form>
      <section className="card stack" aria-labelledby="preview-title">
        <h2 id="preview-title">Preview</h2>
        <div role="group" aria-label="Preview as" className="segmented">
          <button type="button" aria-pressed={as === 'svg'} onClick={() => state.set({ preview: null }, { replace: true })}>
            image
          </button>
          <button type="button" aria-pressed={as === 'html'} onClick={() => state.set({ preview: 'html' }, { replace: true })}>
            embed
          </button>
        </div>
        <Preview spec={spec} as={as} />
        <h3>Export</h3>
        <ul className="row exports">
          {EXPORTS.map((e) => (
            <li key={e.format}>
              <a href={graphicUrl(spec, e.format, { download: true })} download>
                {e.label}
              </a>
            </li>
          ))}
        </ul>
        {isEditor(me) && (
          <>
            <h3>Embed in a story</h3>
            <EmbedPanel spec={spec} />
          </>
        )}
      </section>
    </div>
  );
}
