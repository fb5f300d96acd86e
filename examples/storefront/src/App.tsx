import { useState } from 'react';
import { PersonalizeProvider, type Recorder, usePersonalizeState } from 'react-personalize';
import { PersonalizeDevtools } from 'react-personalize/devtools';
import { HomePage } from './HomePage';
import { LastClickPanel } from './LastClickPanel';
import { ProductPage } from './ProductPage';
import { type Shelf, ShelvesContext } from './shelves';
import { useRoute } from './useRoute';

function Outbox({ endpoint }: { endpoint: string }) {
  const { queued, inFlight, sent, failed } = usePersonalizeState();
  return (
    <a className="outbox" href={endpoint} target="_blank" rel="noreferrer" title="What the local endpoint received">
      {queued + inFlight > 0 ? `${queued + inFlight} sending…` : `${sent} event${sent === 1 ? '' : 's'} sent`}
      {failed > 0 ? ` · ${failed} failed` : ''} ↗
    </a>
  );
}

/** Props of the storefront. */
export interface AppProps {
  recorder: Recorder;
  /** The local endpoint's URL, for the link to its event page. */
  endpoint: string;
}

/** The storefront: header, then the home page or a product page. */
export function App({ recorder, endpoint }: AppProps) {
  const [route, navigate] = useRoute();
  const [userId, setUserId] = useState<string>();
  const [shelves] = useState(() => new Map<string, Shelf>());
  return (
    <PersonalizeProvider recorder={recorder} userId={userId}>
      <ShelvesContext.Provider value={shelves}>
        <header className="header">
          <a
            className="brand"
            href="/"
            onClick={(event) => {
              event.preventDefault();
              navigate('/');
            }}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden>
              <path d="M2 20 9 7l4 7 3-4 6 10Z" fill="#0f766e" />
            </svg>
            Summit Outfitters
          </a>
          <nav className="header__right">
            <Outbox endpoint={endpoint} />
            <button type="button" className="button" onClick={() => setUserId(userId ? undefined : 'alice')}>
              {userId ? `Sign out (${userId})` : 'Sign in as alice'}
            </button>
          </nav>
        </header>
        <main className="main">
          <div className="page">
            {route.page === 'product' ? (
              <ProductPage key={route.itemId} itemId={route.itemId} navigate={navigate} />
            ) : (
              <HomePage navigate={navigate} />
            )}
          </div>
          <LastClickPanel />
        </main>
        <footer className="footer">
          A demo of <code>react-personalize</code>: events go through the AWS SDK to a local Personalize-compatible
          endpoint — <a href={endpoint}>see what it received</a>.
        </footer>
        <PersonalizeDevtools endpointUrl={endpoint} />
      </ShelvesContext.Provider>
    </PersonalizeProvider>
  );
}
