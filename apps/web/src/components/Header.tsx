import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { LANGUAGES, language, setLanguage, t, type Language } from '../i18n/t';
import { href, type Route } from '../routing/routes';
import { useMe } from '../session/MemberContext';

interface Props {
  route: Route;
}

type Section = 'proposals' | 'elections' | 'contracts' | 'arbitration' | 'members' | 'ledger' | 'decisionLog' | 'moderation' | 'operators' | 'analytics' | 'account';

function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'proposals':
    case 'proposal':
    case 'newProposal':
      return 'proposals';
    case 'members':
      return 'members';
    case 'elections':
    case 'election':
      return 'elections';
    case 'arbitration':
    case 'arbitrationCase':
      return 'arbitration';
    case 'contracts':
    case 'contract':
    case 'newContract':
    case 'newTemplate':
      return 'contracts';
    case 'moderationLog':
    case 'moderationQueue':
    case 'moderationAction':
      return 'moderation';
    case 'ledger':
      return 'ledger';
    case 'decisionLog':
      return 'decisionLog';
    case 'operators':
      return 'operators';
    case 'analytics':
      return 'analytics';
    case 'account':
    case 'login':
    case 'register':
      return 'account';
    default:
      return null;
  }
}

const links: ReadonlyArray<{ section: Section; to: string; label: () => string }> = [
  { section: 'proposals', to: href.proposals(), label: () => t('nav.proposals') },
  { section: 'elections', to: href.elections(), label: () => t('nav.elections') },
  { section: 'contracts', to: href.contracts(), label: () => t('nav.contracts') },
  { section: 'arbitration', to: href.arbitration(), label: () => t('nav.arbitration') },
  { section: 'members', to: href.members(), label: () => t('nav.members') },
  { section: 'ledger', to: href.ledger(), label: () => t('nav.ledger') },
  { section: 'decisionLog', to: href.decisionLog(), label: () => t('nav.decisionLog') },
  { section: 'analytics', to: href.analytics(), label: () => t('nav.analytics') },
  { section: 'moderation', to: href.moderationLog(), label: () => t('nav.moderation') },
  { section: 'operators', to: href.operators(), label: () => t('nav.operators') },
];

export function Header({ route }: Props) {
  const active = sectionOf(route);
  const me = useMe();
  // On a phone the links are behind a menu button; on wider screens the button is hidden and the list always shown.
  const [menuOpen, setMenuOpen] = useState(false);
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [route]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    toggle.current?.focus();
  };
  const isListPage = (section: Section) =>
    (section === 'proposals' && route.name === 'proposals') ||
    (section === 'contracts' && route.name === 'contracts') ||
    (section === 'moderation' && route.name === 'moderationLog') ||
    (section === 'elections' && route.name === 'elections') ||
    (section === 'arbitration' && route.name === 'arbitration') ||
    (section !== 'proposals' && section !== 'contracts' && section !== 'moderation' && section !== 'elections' && section !== 'arbitration' && section === active);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="brand">
          <a href={href.proposals()}>{t('app.name')}</a>
        </p>
        <label className="language">
          <span className="visually-hidden">{t('nav.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('nav.language')}>
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          ref={toggle}
          type="button"
          className="nav-toggle"
          aria-expanded={menuOpen}
          aria-controls={listId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="nav-toggle__icon" aria-hidden="true" />
          {t('nav.menu')}
        </button>
        <nav aria-label={t('nav.label')} className={menuOpen ? 'site-nav site-nav--open' : 'site-nav'} onKeyDown={closeOnEscape}>
          <ul className="nav-list" id={listId}>
            {links.map((link) => {
              // Exact page on the list itself; "true" (within this section) on a detail page.
              const current = link.section === active ? (isListPage(link.section) ? 'page' : 'true') : undefined;
              return (
                <li key={link.section}>
                  <a href={link.to} aria-current={current}>
                    {link.label()}
                  </a>
                </li>
              );
            })}
            {me.session ? (
              <li>
                <a href={href.transactions()} aria-current={route.name === 'transactions' ? 'page' : undefined}>
                  {t('nav.transactions')}
                </a>
              </li>
            ) : null}
            {me.session ? (
              <li>
                <a href={href.notifications()} aria-current={route.name === 'notifications' ? 'page' : undefined}>
                  {t('nav.notifications')}
                </a>
              </li>
            ) : null}
            {me.session ? (
              <li>
                <a href={href.account()} aria-current={active === 'account' ? 'page' : undefined}>
                  {me.member ? t('nav.accountOf', { handle: me.member.handle }) : t('nav.account')}
                </a>
              </li>
            ) : (
              <>
                <li>
                  <a href={href.login()} aria-current={route.name === 'login' ? 'page' : undefined}>
                    {t('nav.login')}
                  </a>
                </li>
                <li>
                  <a href={href.register()} aria-current={route.name === 'register' ? 'page' : undefined}>
                    {t('nav.register')}
                  </a>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
