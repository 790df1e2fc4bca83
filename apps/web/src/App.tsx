import { useEffect, useRef } from 'react';
import { Header } from './components/Header';
import { useHashRoute } from './hooks/useHashRoute';
import { t, type MessageKey } from './i18n/t';
import type { Route } from './routing/routes';
import { AnalyticsScreen } from './screens/AnalyticsScreen';
import { DecisionLogScreen } from './screens/DecisionLogScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { OperatorsScreen } from './screens/OperatorsScreen';
import { ProposalDetailScreen } from './screens/ProposalDetailScreen';
import { ProposalsScreen } from './screens/ProposalsScreen';
import { AccountScreen } from './screens/AccountScreen';
import { LedgerScreen } from './screens/LedgerScreen';
import { LoginScreen } from './screens/LoginScreen';
import { MembersScreen } from './screens/MembersScreen';
import { NewProposalScreen } from './screens/NewProposalScreen';
import { RegisterScreen } from './screens/RegisterScreen';
import { MemberProvider } from './session/MemberContext';
import { ContractScreen } from './screens/contracts/ContractScreen';
import { ContractsScreen } from './screens/contracts/ContractsScreen';
import { NewContractScreen } from './screens/contracts/NewContractScreen';
import { PublishTemplateScreen } from './screens/contracts/PublishTemplateScreen';
import { ModerationLogScreen } from './screens/ModerationLogScreen';
import { NotificationsScreen } from './screens/NotificationsScreen';
import { TransactionsScreen } from './screens/TransactionsScreen';
import { ElectionScreen } from './screens/elections/ElectionScreen';
import { ArbitrationCaseScreen, ArbitrationScreen } from './screens/arbitration/ArbitrationScreens';
import { ElectionsScreen } from './screens/elections/ElectionsScreen';
import { ModerationActionScreen } from './screens/moderation/ModerationActionScreen';
import { ModerationQueueScreen } from './screens/moderation/ModerationQueueScreen';

const TITLES: Record<Route['name'], MessageKey> = {
  proposals: 'proposals.title',
  proposal: 'proposal.title',
  decisionLog: 'decisionLog.title',
  operators: 'operators.title',
  newProposal: 'newProposal.title',
  register: 'register.title',
  login: 'login.title',
  account: 'account.title',
  members: 'members.title',
  ledger: 'ledger.title',
  contracts: 'contracts.title',
  contract: 'contract.title',
  newContract: 'contract.newTitle',
  newTemplate: 'template.title',
  moderationLog: 'moderation.title',
  moderationQueue: 'queue.title',
  notifications: 'notifications.title',
  transactions: 'transactions.title',
  elections: 'elections.title',
  arbitration: 'arbitration.title',
  arbitrationCase: 'arbitration.case',
  election: 'elections.title',
  moderationAction: 'moderationAction.title',
  analytics: 'analytics.title',
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
    case 'newProposal':
      return <NewProposalScreen />;
    case 'register':
      return <RegisterScreen />;
    case 'login':
      return <LoginScreen />;
    case 'account':
      return <AccountScreen />;
    case 'members':
      return <MembersScreen page={route.page} />;
    case 'ledger':
      return <LedgerScreen from={route.from} index={route.index} />;
    case 'contracts':
      return <ContractsScreen />;
    case 'contract':
      return <ContractScreen contractId={route.contractId} />;
    case 'newContract':
      return <NewContractScreen templateId={route.templateId} version={route.version} />;
    case 'newTemplate':
      return <PublishTemplateScreen />;
    case 'moderationLog':
      return <ModerationLogScreen page={route.page} />;
    case 'notifications':
      return <NotificationsScreen />;
    case 'transactions':
      return <TransactionsScreen />;
    case 'elections':
      return <ElectionsScreen />;
    case 'arbitration':
      return <ArbitrationScreen />;
    case 'arbitrationCase':
      return <ArbitrationCaseScreen caseId={route.caseId} />;
    case 'election':
      return <ElectionScreen electionId={route.electionId} />;
    case 'moderationQueue':
      return <ModerationQueueScreen />;
    case 'moderationAction':
      return <ModerationActionScreen actionId={route.actionId} />;
    case 'analytics':
      return <AnalyticsScreen />;
    case 'notFound':
      return <NotFoundScreen />;
  }
}

export function App() {
  const route = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  // A change of screen (not of filter or page) moves focus to the new heading, as a page load would.
  const screenKey = route.name === 'proposal' ? `proposal:${route.proposalId}` : route.name === 'contract' ? `contract:${route.contractId}` : route.name === 'moderationAction' ? `moderation-action:${route.actionId}` : route.name === 'election' ? `election:${route.electionId}` : route.name === 'arbitrationCase' ? `case:${route.caseId}` : route.name;
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
    <MemberProvider>
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
    </MemberProvider>
  );
}
