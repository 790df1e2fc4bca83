import { useEffect, useRef } from 'react';
import { Header } from './components/Header';
import { useHashRoute } from './hooks/useHashRoute';
import { t, type MessageKey } from './i18n/t';
import type { Route } from './routing/routes';
import { DecisionLogScreen } from './screens/DecisionLogScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { OperatorsScreen } from './screens/OperatorsScreen';
import { ProposalDetailScreen } from './screens/ProposalDetailScreen';
import { ProposalsScreen } from './screens/ProposalsScreen';

const TITLES: Record<Route['name'], MessageKey> = {
  proposals: 'proposals.title',
  proposal: 'proposal.title',
  decisionLog: 'decisionLog.title',
  operators: 'operators.title',
  notFound: 'notFound.title',
};

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'proposals':
      return <ProposalsScreen status={route.status} page={route.page} />;
    case 'proposal':
      return <ProposalDetailScreen proposalId={route.proposalId} />;
    case 'decisionLog':
      return <DecisionLogScreen page={route.page} />;
    case 'operators':
      return <OperatorsScreen />;
    case 'notFound':
      return <NotFoundScreen />;
  }
}

export function App() {
  const route = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  // A change of screen (not of filter or page) moves focus to the new heading, as a page load would.
  const screenKey = route.name === 'proposal' ? `proposal:${route.proposalId}` : route.name;
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = t('app.documentTitle', { screen: t(TITLES[route.name]) });
  }, [route.name]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [screenKey]);

  return (
    <>
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Header route={route} />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <Screen key={screenKey} route={route} />
      </main>
      <footer className="site-footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </>
  );
}
