// The desk's frame: a skip link, the navigation, who is signed in, and the page.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useRouter } from './router.js';
import { isEditor, useSession } from './session.js';

const PAGES: { href: string; label: string; match: RegExp; importers?: boolean }[] = [
  { href: '/explore', label: 'Explore', match: /^\/(explore)?$/ },
  { href: '/investigations', label: 'Investigations', match: /^\/(investigations|incidents)/ },
  { href: '/buildup', label: 'Build-up', match: /^\/buildup/ },
  { href: '/charts', label: 'Charts & maps', match: /^\/charts/ },
  { href: '/import', label: 'Import', match: /^\/import/, importers: true },
];

export function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const { location } = useRouter();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A new page moves focus to its content, as a page load would, so screen readers start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.path]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/explore" className="brand">
          Groundtruth
        </Link>
        <nav aria-label="Desk">
          <ul>
            {PAGES.filter((p) => !p.importers || isEditor(me)).map((p) => (
              <li key={p.href}>
                <Link href={p.href} aria-current={p.match.test(location.path) ? 'page' : undefined}>
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {me?.name} <span className="muted">({me?.role})</span>
          </span>
          <button type="button" className="link" onClick={() => void logout()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </>
  );
}
