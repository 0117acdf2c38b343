import { useTranslation } from 'react-i18next';
import { getPerformance, performanceWorkbookUrl } from '../../api/groups';
import { setSearch, useLocation } from '../../app/router';
import { may } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { PeriodPicker } from '../../components/PeriodPicker';
import { Loaded } from '../../components/Status';
import { formatDateTime, periodKind, periodOf, shanghaiToday } from '../../format/time';
import { useLoad } from '../../hooks/useLoad';
import { GroupCharts } from './GroupCharts';
import { RankingTable } from './RankingTable';
import { TrendChart } from './TrendChart';

/** 晾晒: the six groups ranked for a day, month, quarter or year, with the charts and the year's trend. */
export default function GroupsView() {
  const { t } = useTranslation();
  const user = useUser();
  const { search } = useLocation();
  const asked = search.get('period') ?? '';
  const period = periodKind(asked) ? asked : periodOf('quarter', shanghaiToday());
  const state = useLoad((signal) => getPerformance(period, signal), [period]);
  return (
    <section className="groups">
      <PageTitle>{t('groups.title')}</PageTitle>
      <div className="toolbar">
        <PeriodPicker period={period} onChange={(p) => setSearch({ period: p })} />
        {may(user, 'reviews.read') && (
          <a className="button" href={performanceWorkbookUrl(period)} download>
            {t('groups.downloadWorkbook')}
          </a>
        )}
      </div>
      <Loaded state={state}>
        {(performance) => (
          <>
            <p className="muted small">
              {performance.asOf ? t('groups.asOf', { time: formatDateTime(performance.asOf) }) : null}
              {performance.formula?.version !== undefined
                ? ` ${t('groups.formula', { version: String(performance.formula.version) })}`
                : null}
            </p>
            <RankingTable rows={performance.rows} caption={t('groups.rankingCaption', { period })} />
            <GroupCharts rows={performance.rows} />
          </>
        )}
      </Loaded>
      <TrendChart year={period.slice(0, 4)} />
    </section>
  );
}
