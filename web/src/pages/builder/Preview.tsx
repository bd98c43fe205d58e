// The graphic as the server draws it. The SVG shows as an <img>: it is our own API's markup, and as an
// image it runs no script and needs no inline markup in the desk. The HTML embed shows in a frame, as a
// newsroom page would show it. A failed drawing shows the server's reason.
import { useEffect, useRef, useState } from 'react';
import { ApiError, request } from '../../api/client.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { graphicUrl, type GraphicSpec } from './graphics-api.js';

/** What an embed posts to its page with its height (HEIGHT_MESSAGE in src/render/embed.ts). */
const HEIGHT_MESSAGE = 'groundtruth:height';

/** An embed in a frame that takes the height the embed reports, as the published snippet does. */
function EmbedFrame({ src, title }: { src: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { type?: unknown; height?: unknown } | null;
      if (frame.current && e.source === frame.current.contentWindow && data?.type === HEIGHT_MESSAGE && typeof data.height === 'number' && data.height > 0) {
        frame.current.style.height = `${Math.ceil(data.height)}px`;
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return <iframe ref={frame} src={src} title={title} />;
}

export function Preview({ spec, as }: { spec: GraphicSpec; as: 'svg' | 'html' }) {
  const url = graphicUrl(spec, 'svg');
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    let objectUrl: string | null = null;
    setError(null);
    setSrc(null);
    // Fetched rather than linked, so a refused filter shows the server's message instead of a broken image.
    request('GET', url, { signal: ctrl.signal })
      .then((r) => r.blob())
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err), {}));
      });
    return () => {
      ctrl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return (
    <div className="preview" aria-live="polite" aria-busy={!src && !error}>
      <ErrorMessage error={error} />
      {!error && !src && <p className="muted">Drawing…</p>}
      {src && as === 'svg' && <img src={src} alt={`Preview of the ${spec.graphic}`} />}
      {src && as === 'html' && <EmbedFrame src={graphicUrl(spec, 'html')} title={`Preview of the ${spec.graphic} as an embed`} />}
    </div>
  );
}
