import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getHistory, getIssue } from '../../api/issues';
import type { ViewProps } from '../../app/routes';
import { APP_BASE, Link, useLocation } from '../../app/router';
import { Light } from '../../components/Light';
import { PageTitle } from '../../components/PageTitle';
import { Loaded, LoadError, Loading } from '../../components/Status';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { AsOfPanel } from './AsOfPanel';
import { EscalationLadder } from './EscalationLadder';
import { IssueActions } from './IssueActions';
import { IssueFacts } from './IssueFacts';
import { Meetings } from './Meetings';
import { Remediations } from './Remediations';
import { Timeline } from './Timeline';

/**
 * One issue: its facts and light, the ladder, the commands the reader may send, the items with
 * their own commands, the meetings, the whole timeline, and the issue as it stood at a moment.
 */
export default function IssueView({ params }: ViewProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { search } = useLocation();
  const id = params.id;
  const issue = useLoad((signal) => getIssue(id, signal), [id]);
  const history = useLoad((signal) => getHistory(id, signal), [id]);
  const { reload: reloadIssue } = issue;
  const { reload: reloadHistory } = history;
  // After a command, read again: the engine waits for its own write (minPosition).
  const onDone = useCallback(() => {
    reloadIssue();
    reloadHistory();
  }, [reloadIssue, reloadHistory]);
  // Someone else's command, or the engine's own warning or escalation: shown as it happens.
  useLiveRefresh((event) => event.issueId === id, onDone);

  if (issue.error) return <LoadError error={issue.error} onRetry={issue.reload} />;
  if (!issue.data) return <Loading />;
  const view = issue.data;
  return (
    <article className="issue" aria-busy={issue.loading}>
      <p className="breadcrumb">
        <Link to={`${APP_BASE}/board`}>{t('nav.board')}</Link>
      </p>
      <header className="issue-head">
        <PageTitle title={view.title}>{view.title}</PageTitle>
        <p className="issue-badges">
          <Light light={view.light} /> <span className="badge">{labels.status(view.status)}</span>{' '}
          {view.escalationLevel > 0 && (
            <span className="badge badge-level">{labels.level(view.escalationLevel)}</span>
          )}
        </p>
      </header>
      <nav className="in-page" aria-label={t('issue.sections')}>
        <a href="#facts">{t('issue.facts')}</a> <a href="#ladder">{t('issue.ladder')}</a>{' '}
        <a href="#items">{t('issue.items')}</a> <a href="#meetings">{t('issue.meetings')}</a>{' '}
        <a href="#timeline">{t('issue.timeline')}</a> <a href="#as-of">{t('issue.asOf')}</a>
      </nav>
      <div className="issue-grid">
        <section id="facts" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('issue.facts')}</h2>
          <IssueFacts issue={view} />
        </section>
        <section id="ladder" aria-labelledby="ladder-title">
          <h2 id="ladder-title">{t('issue.ladder')}</h2>
          <EscalationLadder issue={view} />
        </section>
      </div>
      <section id="actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('issue.actions')}</h2>
        <IssueActions issue={view} onDone={onDone} />
      </section>
      <section id="items" aria-labelledby="items-title">
        <h2 id="items-title">{t('issue.items')}</h2>
        <Remediations issue={view} onDone={onDone} />
      </section>
      <section id="meetings" aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t('issue.meetings')}</h2>
        <Meetings meetings={view.meetings} />
      </section>
      <section id="timeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('issue.timeline')}</h2>
        <Loaded state={history}>{(items) => <Timeline items={items} />}</Loaded>
      </section>
      <section id="as-of" aria-labelledby="as-of-title">
        <h2 id="as-of-title">{t('issue.asOf')}</h2>
        <AsOfPanel issueId={id} initial={search.get('asOf') ?? ''} />
      </section>
    </article>
  );
}
