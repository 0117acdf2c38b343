import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_READS, may, type Action } from '../auth/roles';
import { useSession, useUser } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLabels } from '../i18n/labels';
import { LiveIndicator } from '../live/LiveIndicator';
import { LiveProvider } from '../live/LiveProvider';
import { APP_BASE, Link, useLocation } from './router';

const NAV: Array<{ to: string; label: string; requires: Action | readonly Action[] }> = [
  { to: `${APP_BASE}/board`, label: 'nav.board', requires: 'issues.read' },
  { to: `${APP_BASE}/due-soon`, label: 'nav.dueSoon', requires: 'issues.read' },
  { to: `${APP_BASE}/overdue`, label: 'nav.overdue', requires: 'issues.read' },
  { to: `${APP_BASE}/issues/new`, label: 'nav.report', requires: 'issue.report' },
  { to: `${APP_BASE}/groups`, label: 'nav.groups', requires: 'groups.read' },
  { to: `${APP_BASE}/reviews`, label: 'nav.reviews', requires: 'reviews.read' },
  { to: `${APP_BASE}/audit`, label: 'nav.audit', requires: AUDIT_READS },
  { to: `${APP_BASE}/admin/users`, label: 'nav.users', requires: 'users.manage' },
  { to: `${APP_BASE}/admin/api-keys`, label: 'nav.apiKeys', requires: 'keys.manage' },
];

/**
 * The frame of every signed-in view: skip link, header with who is signed in and whether the
 * page is live, the role's navigation; the live stream for the views inside.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const labels = useLabels();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = NAV.filter((item) => may(user, item.requires));

  return (
    <LiveProvider enabled={may(user, 'issues.read')}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <div className="header-tools">
          <LiveIndicator />
          <p className="whoami">
            <span className="sr-only">{t('app.signedInAs')} </span>
            <strong>{user.displayName}</strong>{' '}
            <span className="muted">
              {labels.role(user.role)}
              {user.district ? ` · ${labels.district(user.district)}` : ''}
            </span>
          </p>
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('nav.menu')}
        </button>
      </header>
      <nav id="main-nav" className={`main-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.label')}>
        <ul>
          {items.map((item) => {
            const current = path === item.to || path.startsWith(`${item.to}/`);
            return (
              <li key={item.to}>
                <Link
                  to={item.to}
                  aria-current={current ? 'page' : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  {t(item.label)}
                </Link>
              </li>
            );
          })}
          {may(user, 'queues.operate') && (
            <li>
              <a href="/queues">{t('nav.queues')}</a>
            </li>
          )}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </LiveProvider>
  );
}
