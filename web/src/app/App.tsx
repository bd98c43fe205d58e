// The desk: sign-in first, then the page the path names.
import { lazy, Suspense } from 'react';
import { askEarly } from '../api/early.js';
import { earlyPaths } from '../pages/explore/requests.js';
import { LoginPage } from '../pages/LoginPage.js';
import { Layout } from './Layout.js';
import { preloaded } from './preloaded.js';
import { Router, useRouter } from './router.js';
import { SessionProvider, useSession } from './session.js';

function isExplore(path: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  return p === '/' || p === '/explore';
}

// Pages with a map load MapLibre only when opened.
// The map library is fetched beside the page rather than after it: the map is the page's longest wait.
const explore = preloaded(() => {
  void import('maplibre-gl').catch(() => undefined);
  return import('../pages/explore/ExplorePage.js');
});
const ExplorePage = lazy(explore.thenable);
// Opened on Explore, the desk fetches its code while it asks who is signed in, not after, and asks
// its figure and timeline meanwhile (a reader signed out gets the login page, as before).
const opensExplore = isExplore(window.location.pathname);
if (opensExplore) void explore.start().catch(() => undefined);
askEarly('/api/me');
if (opensExplore) for (const path of earlyPaths(new URLSearchParams(window.location.search))) askEarly(path);
const InvestigationsPage = lazy(() => import('../pages/investigations/InvestigationsPage.js'));
const InvestigationPage = lazy(() => import('../pages/investigations/InvestigationPage.js'));
const IncidentPage = lazy(() => import('../pages/incident/IncidentPage.js'));
const NewIncidentPage = lazy(() => import('../pages/incident/NewIncidentPage.js'));
const BuildupPage = lazy(() => import('../pages/buildup/BuildupPage.js'));
const ImportPage = lazy(() => import('../pages/import/ImportPage.js'));
const BuilderPage = lazy(() => import('../pages/builder/BuilderPage.js'));

function Page() {
  const { location } = useRouter();
  const path = location.path.replace(/\/+$/, '') || '/';
  let m: RegExpExecArray | null;
  if (isExplore(path)) return <ExplorePage />;
  if (path === '/investigations') return <InvestigationsPage />;
  if ((m = /^\/investigations\/([a-z0-9-]+)\/new$/.exec(path))) return <NewIncidentPage investigation={m[1]!} />;
  if ((m = /^\/investigations\/([a-z0-9-]+)$/.exec(path))) return <InvestigationPage name={m[1]!} />;
  if ((m = /^\/incidents\/(\d+)$/.exec(path))) return <IncidentPage id={Number(m[1])} />;
  if (path === '/buildup') return <BuildupPage />;
  if (path === '/import') return <ImportPage />;
  if (path === '/charts') return <BuilderPage />;
  return (
    <section aria-labelledby="nf">
      <h1 id="nf">Not found</h1>
      <p>The desk has no page at {path}.</p>
    </section>
  );
}

function Desk() {
  const { me, ready } = useSession();
  if (!ready) return <p className="loading">Loading…</p>;
  if (!me) return <LoginPage />;
  return (
    <Layout>
      <Suspense fallback={<p className="loading">Loading…</p>}>
        <Page />
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <Router>
      <SessionProvider>
        <Desk />
      </SessionProvider>
    </Router>
  );
}
