import { useTranslation } from 'react-i18next';
import { listIssues } from '../../api/issues';
import { ownDistrict } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { IssueTable } from '../../components/IssueTable';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { Loaded } from '../../components/Status';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useLoad } from '../../hooks/useLoad';
import { useLiveRefresh } from '../../live/useLiveRefresh';

const PAGE_SIZE = 50;

/**
 * The due-soon list (yellow, least time left first) and the overdue list (red, most days over
 * first): the same engine query, `sort=due`, on one light.
 */
export function DeadlineList({ light }: { light: 'yellow' | 'red' }) {
  const { t } = useTranslation();
  const user = useUser();
  const district = ownDistrict(user) ?? undefined;
  const pages = useCursorPages();
  const state = useLoad(
    (signal) =>
      listIssues({ light, closed: 'false', sort: 'due', district }, pages.cursor, PAGE_SIZE, signal),
    [light, district, pages.cursor],
  );
  useLiveRefresh(() => true, state.reload);
  const title = t(light === 'yellow' ? 'deadlines.dueSoonTitle' : 'deadlines.overdueTitle');
  return (
    <section>
      <PageTitle>{title}</PageTitle>
      <p className="lead">{t(light === 'yellow' ? 'deadlines.dueSoonLead' : 'deadlines.overdueLead')}</p>
      <Loaded state={state}>
        {(page) => (
          <>
            <IssueTable
              issues={page.items}
              time={light === 'yellow' ? 'timeLeft' : 'daysOver'}
              caption={title}
              showDistrict={!district}
            />
            <Pager
              label={t('board.pagerLabel')}
              page={pages.page}
              hasNext={page.nextCursor !== null}
              onPrevious={pages.previous}
              onNext={() => pages.next(page.nextCursor)}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}
