// A page's code that may be fetched before the page is shown. React.lazy takes any thenable: this one
// answers at once when the code is already in, so the page renders without suspending. Suspending,
// even for a moment, would show the fallback and then hold the page back by React's throttle of
// fallbacks (300 ms).
import type { ComponentType } from 'react';

type Module = { default: ComponentType };

export function preloaded(load: () => Promise<Module>) {
  let loading: Promise<Module> | null = null;
  let loaded: Module | null = null;
  const start = () =>
    (loading ??= load().then((m) => {
      loaded = m;
      return m;
    }));
  return {
    /** Starts fetching the code (once). */
    start,
    /** For React.lazy. */
    thenable: () =>
      ({
        then(resolve: (m: Module) => void, reject: (e: unknown) => void) {
          if (loaded) resolve(loaded);
          else start().then(resolve, reject);
        },
        // React.lazy's type asks for a Promise; a thenable is what it reads.
      }) as unknown as Promise<Module>,
  };
}
