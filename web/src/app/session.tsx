// Who is signed in. The session cookie is HttpOnly, so the desk asks /api/me on load; the CSRF token
// it returns goes on every request that changes something.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { getJson, sendJson, setCsrfToken, whenUnauthenticated } from '../api/client.js';
import type { Me } from '../api/types.js';

interface SessionValue {
  me: Me | null;
  /** False until the first /api/me has answered. */
  ready: boolean;
  login(name: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  const accept = useCallback((who: Me | null) => {
    setCsrfToken(who?.csrf_token ?? null);
    setMe(who);
  }, []);

  useEffect(() => {
    whenUnauthenticated(() => accept(null));
    getJson<Me>('/api/me')
      .then(accept, () => accept(null))
      .finally(() => setReady(true));
  }, [accept]);

  const login = useCallback(async (name: string, password: string) => accept(await sendJson<Me>('POST', '/api/login', { name, password })), [accept]);
  const logout = useCallback(async () => {
    await sendJson('POST', '/api/logout').catch(() => undefined);
    accept(null);
  }, [accept]);

  return <SessionContext.Provider value={{ me, ready, login, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** Editors and admins import data and publish graphics (the server decides: src/server/request.ts). */
export const isEditor = (me: Me | null) => me?.role === 'admin' || me?.role === 'editor';
