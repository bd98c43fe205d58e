// The graphic as the server draws it. An <img> shows the SVG: it is our own API's markup, and as an image
// it runs no script and needs no inline markup in the desk. A failed render shows the server's reason.
import { useEffect, useState } from 'react';
import { ApiError, request } from '../../api/client.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { graphicUrl, type GraphicSpec } from './graphics-api.js';

export function Preview({ spec }: { spec: GraphicSpec }) {
  const url = graphicUrl(spec, 'svg');
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    let objectUrl: string | null = null;
    setError(null);
    request('GET', url, { signal: ctrl.signal })
      .then((r) => r.blob())
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) {
          setSrc(null);
          setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err), {}));
        }
      });
    return () => {
      ctrl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return (
    <div className="preview" aria-live="polite">
      <ErrorMessage error={error} />
      {src && <img src={src} alt={`Preview of the ${spec.graphic}`} />}
    </div>
  );
}
