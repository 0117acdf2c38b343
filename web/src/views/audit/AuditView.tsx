import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchAudit, type AuditQuery } from '../../api/audit';
import { DISTRICTS, ISSUE_EVENT_TYPES } from '../../api/vocabulary';
import { appPath, Link } from '../../app/router';
import { ownDistrict } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { Loaded } from '../../components/Status';
import { formatDateTime, fromShanghaiInput } from '../../format/time';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';
import { describeEvent } from '../issue/event-summary';

type Draft = { actor: string; type: string; district: string; from: string; to: string };
const EMPTY: Draft = { actor: '', type: '', district: '', from: '', to: '' };

/** The audit trail: every fact with who, when and why, searched by actor, type, district and period. */
export default function AuditView() {
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const own = ownDistrict(user);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [query, setQuery] = useState<AuditQuery>(own ? { district: own } : {});
  const pages = useCursorPages();
  const key = JSON.stringify(query);
  const state = useLoad((signal) => searchAudit(query, pages.cursor, signal), [key, pages.cursor]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    pages.reset();
    setQuery({
      actor: draft.actor.trim() || undefined,
      type: draft.type || undefined,
      district: own ?? (draft.district || undefined),
      // Periods are Shanghai days: from the start of `from` to the end of `to`.
      from: draft.from ? fromShanghaiInput(`${draft.from}T00:00`) : undefined,
      to: draft.to
        ? new Date(Date.parse(fromShanghaiInput(`${draft.to}T00:00`)) + 86_400_000).toISOString()
        : undefined,
    });
  };
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });

  return (
    <section>
      <PageTitle>{t('audit.title')}</PageTitle>
      <form
        className="filter-bar"
        role="search"
        aria-label={t('audit.searchLabel')}
        onSubmit={onSubmit}
        noValidate
      >
        <div className="field field-inline">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <input id="audit-actor" value={draft.actor} onChange={set('actor')} autoCapitalize="none" />
        </div>
        <div className="field field-inline">
          <label htmlFor="audit-type">{t('audit.type')}</label>
          <select id="audit-type" value={draft.type} onChange={set('type')}>
            <option value="">{t('common.all')}</option>
            {ISSUE_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {labels.eventType(type)}
              </option>
            ))}
          </select>
        </div>
        {!own && (
          <div className="field field-inline">
            <label htmlFor="audit-district">{t('audit.district')}</label>
            <select id="audit-district" value={draft.district} onChange={set('district')}>
              <option value="">{t('common.all')}</option>
              {DISTRICTS.map((d) => (
                <option key={d} value={d}>
                  {labels.district(d)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field field-inline">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field field-inline">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <button type="submit" className="primary">
          {t('audit.search')}
        </button>
      </form>
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('audit.empty')}</p>
          ) : (
            <>
              <table className="audit-table responsive-table">
                <caption className="sr-only">{t('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.when')}</th>
                    <th scope="col">{t('audit.col.what')}</th>
                    <th scope="col">{t('audit.col.who')}</th>
                    <th scope="col">{t('audit.col.issue')}</th>
                    <th scope="col">{t('audit.col.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => {
                    const { what, why } = describeEvent(t, item);
                    return (
                      <tr key={item.position}>
                        <td data-label={t('audit.col.when')}>
                          {formatDateTime(item.occurredAt)}
                          <span className="muted small">
                            {' '}
                            {t('timeline.recordedAt', { time: formatDateTime(item.recordedAt) })}
                          </span>
                        </td>
                        <td data-label={t('audit.col.what')}>
                          <strong>{labels.eventType(item.type)}</strong> {what}
                        </td>
                        <td data-label={t('audit.col.who')}>
                          {item.actor}
                          {item.actorRole ? ` · ${labels.role(item.actorRole)}` : ''}
                        </td>
                        <td data-label={t('audit.col.issue')}>
                          {item.issueId ? (
                            <Link to={appPath('issues', item.issueId)}>
                              {typeof item.data.title === 'string' ? item.data.title : item.issueId}
                            </Link>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td data-label={t('audit.col.why')}>{why ?? '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <Pager
                label={t('audit.pagerLabel')}
                page={pages.page}
                hasNext={page.nextCursor !== null}
                onPrevious={pages.previous}
                onNext={() => pages.next(page.nextCursor)}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
