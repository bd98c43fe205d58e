// Sign in with a desk account (created with `groundtruth user add`).
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useSession } from '../app/session.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

export function LoginPage() {
  const { login } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(name, password);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err), {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Groundtruth</h1>
        <p className="muted">Sign in to the desk.</p>
        <label>
          Name
          <input name="name" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
