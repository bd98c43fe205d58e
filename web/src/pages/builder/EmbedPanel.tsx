// Publishing: the graphic frozen at /embed/ID, and the snippet (an iframe and a script that fits its
// height) to paste into a story. Editors and admins publish; the server refuses anyone else.
import { useState } from 'react';
import type { ApiError } from '../../api/client.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { publish, type Embed, type GraphicSpec } from './graphics-api.js';

export function EmbedPanel({ spec }: { spec: GraphicSpec }) {
  const [embed, setEmbed] = useState<Embed | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setEmbed(await publish(spec));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!embed) return;
    await navigator.clipboard.writeText(embed.snippet).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="stack">
      <div className="row">
        <button type="button" onClick={() => void run()} disabled={busy}>
          {busy ? 'Publishing…' : 'Publish and get the embed code'}
        </button>
      </div>
      <ErrorMessage error={error} />
      {embed && (
        <>
          <p>
            Published at{' '}
            <a href={embed.url} target="_blank" rel="noopener">
              {embed.url}
            </a>
            . It keeps today’s numbers: publish again after an import to update it.
          </p>
          <label>
            Embed code
            <textarea className="snippet" readOnly value={embed.snippet} onFocus={(e) => e.target.select()} />
          </label>
          <div className="row">
            <button type="button" className="secondary" onClick={() => void copy()}>
              Copy the embed code
            </button>
            <span role="status">{copied ? 'Copied.' : ''}</span>
          </div>
        </>
      )}
    </div>
  );
}
