import { useTranslation } from 'react-i18next';
import { countIssues, listIssues } from '../../api/issues';
import { setSearch, useLocation } from '../../app/router';
import { ownDistrict } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { IssueTable } from '../../components/IssueTable';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { LoadError, Loading } from '../../components/Status';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useLoad } from '../../hooks/useLoad';
import { usePaintMark } from '../../hooks/usePaintMark';
import { formatDateTime } from '../../format/time';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { BoardCounters } from './BoardCounters';
import { BoardFilterBar } from './BoardFilterBar';
import { FILTER_KEYS, filtersFrom, toIssueFilters, type BoardFilters } from './board-filters';

const PAGE_SIZE = 20;
/** The Performance mark left when the list's rows are painted (bench/web/page-timings.ts reads it by name). */
const BOARD_ROWS_MARK = 'board:rows';

/** 督办看板: counters that filter, the filters, and the issues a page at a time (paged by the engine). */
export default function BoardView() {
  const { t } = useTranslation();
  const user = useUser();
  const own = ownDistrict(user);
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const apiFilters = toIssueFilters(filters, own);
  const filterKey = JSON.stringify(apiFilters);
  const pages = useCursorPages();
  const { district, category, severity } = apiFilters;

  const counts = useLoad(
    (signal) => countIssues({ district, category, severity }, signal),
    [district, category, severity],
  );
  const list = useLoad(
    (signal) => listIssues(apiFilters, pages.cursor, PAGE_SIZE, signal),
    [filterKey, pages.cursor],
  );

  // The rows of each answer on screen: bench/web times the first paint and the filters by it.
  usePaintMark(BOARD_ROWS_MARK, list.data);

  // Any event the reader is told may move a counter or a row: read both again.
  const { reload: reloadCounts } = counts;
  const { reload: reloadList } = list;
  useLiveRefresh(
    () => true,
    () => {
      reloadCounts();
      reloadList();
    },
  );

  const change = (next: BoardFilters) => {
    pages.reset();
    setSearch(next);
  };
  const onPick = (picked: BoardFilters | null) =>
    change({ closed: undefined, light: undefined, level: undefined, status: undefined, ...picked });

  return (
    <section className="board">
      <PageTitle>{t('board.title')}</PageTitle>
      {counts.error ? (
        <LoadError error={counts.error} onRetry={counts.reload} />
      ) : (
        <BoardCounters counts={counts.data} filters={filters} onPick={onPick} />
      )}
      <BoardFilterBar
        filters={filters}
        ownDistrict={own}
        onChange={(key, value) => change({ [key]: value })}
        onClear={() => change(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}
      />
      <div className="list-head">
        <p className="muted small" aria-live="polite">
          {list.loading
            ? t('common.loading')
            : counts.data?.asOf
              ? t('board.asOf', { time: formatDateTime(counts.data.asOf) })
              : ''}
        </p>
        <button
          type="button"
          onClick={() => {
            counts.reload();
            list.reload();
          }}
        >
          {t('common.refresh')}
        </button>
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.data === undefined ? (
        <Loading />
      ) : (
        <>
          <IssueTable
            issues={list.data.items}
            time="nextDue"
            caption={t('board.title')}
            showDistrict={!own}
          />
          <Pager
            label={t('board.pagerLabel')}
            page={pages.page}
            hasNext={list.data.nextCursor !== null}
            onPrevious={pages.previous}
            onNext={() => pages.next(list.data?.nextCursor ?? null)}
          />
        </>
      )}
    </section>
  );
}
