import { t } from '../i18n/t';
import { href, type Route } from '../routing/routes';

interface Props {
  route: Route;
}

type Section = 'proposals' | 'decisionLog' | 'operators';

function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'proposals':
    case 'proposal':
      return 'proposals';
    case 'decisionLog':
      return 'decisionLog';
    case 'operators':
      return 'operators';
    default:
      return null;
  }
}

const links: ReadonlyArray<{ section: Section; to: string; label: () => string }> = [
  { section: 'proposals', to: href.proposals(), label: () => t('nav.proposals') },
  { section: 'decisionLog', to: href.decisionLog(), label: () => t('nav.decisionLog') },
  { section: 'operators', to: href.operators(), label: () => t('nav.operators') },
];

export function Header({ route }: Props) {
  const active = sectionOf(route);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="brand">
          <a href={href.proposals()}>{t('app.name')}</a>
        </p>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {links.map((link) => {
              // Exact page on the list itself; "true" (within this section) on a detail page.
              const current = link.section === active ? (route.name === 'proposal' ? 'true' : 'page') : undefined;
              return (
                <li key={link.section}>
                  <a href={link.to} aria-current={current}>
                    {link.label()}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}
