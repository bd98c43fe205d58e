// An error from the API as the server phrased it. Filter errors keep their caret line, so the text is
// shown preformatted; role="alert" makes screen readers announce it.
import type { ApiError } from '../api/client.js';

export function ErrorMessage({ error, id }: { error: ApiError | Error | null | undefined; id?: string }) {
  if (!error) return null;
  const multiline = error.message.includes('\n');
  return (
    <div className="error" role="alert" id={id}>
      {multiline ? <pre>{error.message}</pre> : <p>{error.message}</p>}
    </div>
  );
}
