import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRecord, listGroups } from '../../api/groups';
import { post } from '../../api/http';
import type { CommandAnswer } from '../../api/types';
import { ACTIVITY_KINDS } from '../../api/vocabulary';
import type { ViewProps } from '../../app/routes';
import { APP_BASE, Link } from '../../app/router';
import { actsFor, may } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { CommandForm } from '../../components/CommandForm';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { Loaded } from '../../components/Status';
import { shanghaiToday } from '../../format/time';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';
import { RecordList } from './RecordList';
import { activityFields, practiceFields } from './record-forms';

/** One work group: its 1+1+1 leadership, its daily record, and (for its writers) the record's forms. */
export default function GroupView({ params }: ViewProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const district = params.district;
  const groups = useLoad((signal) => listGroups(signal), []);
  const group = groups.data?.find((g) => g.district === district);
  const canWrite = may(user, 'record.write') && actsFor(user, district);
  // Admin sees the groups and their ranking, not their record (it links issues).
  const canRead = may(user, 'record.read');

  const [filter, setFilter] = useState({ from: '', to: '', kind: '' });
  const pages = useCursorPages();
  const record = useLoad(
    (signal) =>
      canRead
        ? getRecord(district, filter, pages.cursor, signal)
        : Promise.resolve({ items: [], nextCursor: null }),
    [district, filter.from, filter.to, filter.kind, pages.cursor, canRead],
  );
  const { reload } = record;
  const onDone = useCallback(() => reload(), [reload]);

  const today = shanghaiToday();
  const initialActivity = useMemo(() => ({ kind: 'on-site', date: today, days: '1' }), [today]);
  const initialPractice = useMemo(() => ({ date: today }), [today]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fields = useMemo(() => activityFields(t), [t, i18n.language]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const practice = useMemo(() => practiceFields(t), [t, i18n.language]);
  // The record reads oldest first: after recording, show the recorded day, so the new entry is
  // in view rather than on the record's last page.
  const recordedDate = useRef('');
  const sendActivity = useCallback(
    (body: Record<string, unknown>, key: string) => {
      recordedDate.current = typeof body.date === 'string' ? body.date : '';
      return post<CommandAnswer>(`/groups/${encodeURIComponent(district)}/record`, body, key);
    },
    [district],
  );
  const { reset: resetPages } = pages;
  const onRecorded = useCallback(() => {
    const day = recordedDate.current;
    if (day) {
      resetPages();
      setFilter({ from: day, to: day, kind: '' });
    }
    reload();
  }, [reload, resetPages]);
  const sendPractice = useCallback(
    (body: Record<string, unknown>, key: string) =>
      post<CommandAnswer>(`/groups/${encodeURIComponent(district)}/practices`, body, key),
    [district],
  );

  const name = group ? (i18n.language === 'en' ? group.nameEn : group.name) : labels.district(district);
  return (
    <section className="group">
      <p className="breadcrumb">
        <Link to={`${APP_BASE}/groups`}>{t('nav.groups')}</Link>
      </p>
      <PageTitle title={name}>{name}</PageTitle>
      <Loaded state={groups}>
        {() =>
          group ? (
            <dl className="facts leadership">
              <div className="fact">
                <dt>{t('group.bureauLeader')}</dt>
                <dd>{t('common.personTitle', { ...group.leadership.bureauLeader })}</dd>
              </div>
              <div className="fact">
                <dt>{t('group.divisionHead')}</dt>
                <dd>{t('common.personTitle', { ...group.leadership.divisionHead })}</dd>
              </div>
              <div className="fact">
                <dt>{t('group.workGroup')}</dt>
                <dd>
                  {group.leadership.workGroup.name} ·{' '}
                  {t('group.lead', { lead: group.leadership.workGroup.lead })} ·{' '}
                  {t('group.members', { count: group.leadership.workGroup.members })}
                </dd>
              </div>
              <div className="fact">
                <dt>{t('group.districtBureau')}</dt>
                <dd>{group.districtBureau}</dd>
              </div>
            </dl>
          ) : (
            <p className="notice notice-error">{t('group.unknown')}</p>
          )
        }
      </Loaded>

      {canWrite && (
        <section aria-labelledby="record-form-title" className="panel">
          <h2 id="record-form-title">{t('record.formTitle')}</h2>
          <CommandForm
            id="record-activity"
            fields={fields}
            initial={initialActivity}
            submitLabel={t('record.submit')}
            send={sendActivity}
            onDone={onRecorded}
            doneMessage={t('record.done')}
          />
          <details className="command">
            <summary>{t('record.practiceTitle')}</summary>
            <CommandForm
              id="record-practice"
              fields={practice}
              initial={initialPractice}
              submitLabel={t('record.practiceSubmit')}
              send={sendPractice}
              onDone={onDone}
              doneMessage={t('record.done')}
            />
          </details>
        </section>
      )}

      {canRead && (
        <section aria-labelledby="record-title">
          <h2 id="record-title">{t('record.title')}</h2>
          <form
            className="filter-bar"
            role="search"
            aria-label={t('record.filterLabel')}
            onSubmit={(e) => e.preventDefault()}
          >
            <div className="field field-inline">
              <label htmlFor="record-from">{t('record.from')}</label>
              <input
                id="record-from"
                type="date"
                value={filter.from}
                onChange={(e) => {
                  pages.reset();
                  setFilter({ ...filter, from: e.target.value });
                }}
              />
            </div>
            <div className="field field-inline">
              <label htmlFor="record-to">{t('record.to')}</label>
              <input
                id="record-to"
                type="date"
                value={filter.to}
                onChange={(e) => {
                  pages.reset();
                  setFilter({ ...filter, to: e.target.value });
                }}
              />
            </div>
            <div className="field field-inline">
              <label htmlFor="record-kind">{t('fields.kind')}</label>
              <select
                id="record-kind"
                value={filter.kind}
                onChange={(e) => {
                  pages.reset();
                  setFilter({ ...filter, kind: e.target.value });
                }}
              >
                <option value="">{t('common.all')}</option>
                {ACTIVITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {labels.activityKind(k)}
                  </option>
                ))}
              </select>
            </div>
          </form>
          <Loaded state={record}>
            {(page) => (
              <>
                <RecordList district={district} entries={page.items} canWrite={canWrite} onDone={onDone} />
                <Pager
                  label={t('record.pagerLabel')}
                  page={pages.page}
                  hasNext={page.nextCursor !== null}
                  onPrevious={pages.previous}
                  onNext={() => pages.next(page.nextCursor)}
                />
              </>
            )}
          </Loaded>
        </section>
      )}
    </section>
  );
}
