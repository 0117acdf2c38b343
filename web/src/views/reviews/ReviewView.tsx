import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/http';
import { getReview, reviewFiles } from '../../api/reviews';
import type { Appeal, CommandAnswer } from '../../api/types';
import { DISTRICTS } from '../../api/vocabulary';
import type { ViewProps } from '../../app/routes';
import { APP_BASE, Link } from '../../app/router';
import { may, ownDistrict } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { CommandForm } from '../../components/CommandForm';
import { PageTitle } from '../../components/PageTitle';
import { Loaded } from '../../components/Status';
import { formatDateTime } from '../../format/time';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';
import { RankingTable } from '../groups/RankingTable';
import { appealFields, decisionFields, publicationFields } from './review-forms';

const decisionOf = (appeal: Appeal) =>
  appeal.decision ??
  (appeal.upheld === undefined
    ? null
    : {
        upheld: appeal.upheld,
        comment: appeal.comment ?? '',
        decidedBy: appeal.decidedBy,
        decidedAt: appeal.decidedAt,
      });

/** One review: its frozen ranking and formula, the appeals and their decisions, publication, the files. */
export default function ReviewView({ params }: ViewProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const id = params.id;
  const [written, setWritten] = useState<number | undefined>(undefined);
  const review = useLoad((signal) => getReview(id, written, signal), [id, written]);
  const onDone = useCallback((answer: CommandAnswer) => setWritten(answer.position), []);
  const base = `/reviews/${encodeURIComponent(id)}`;
  const send = (tail: string) => (body: Record<string, unknown>, key: string) =>
    post<CommandAnswer>(`${base}/${tail}`, body, key);
  const own = ownDistrict(user);
  const appeal = useMemo(() => appealFields(own, DISTRICTS, (d) => labels.district(d)), [own, labels]);
  const files = reviewFiles(id);

  return (
    <section>
      <p className="breadcrumb">
        <Link to={`${APP_BASE}/reviews`}>{t('nav.reviews')}</Link>
      </p>
      <Loaded state={review}>
        {(r) => {
          const draft = r.status === 'draft';
          const appeals = r.appeals ?? [];
          const undecided = appeals.filter((a) => !decisionOf(a));
          return (
            <>
              <PageTitle title={r.title || t('reviews.untitled', { period: r.period })}>
                {r.title || t('reviews.untitled', { period: r.period })}
              </PageTitle>
              <p>
                <span className="badge">{labels.reviewStatus(r.status)}</span>{' '}
                {t('review.drafted', { by: r.draftedBy ?? '—', time: formatDateTime(r.draftedAt) })}
                {r.publishedAt &&
                  ` · ${t('review.published', { by: r.publishedBy ?? '—', time: formatDateTime(r.publishedAt) })}`}
                {r.formula?.version !== undefined &&
                  ` · ${t('groups.formula', { version: String(r.formula.version) })}`}
              </p>
              <p className="downloads">
                <a className="button" href={files.xlsx} download>
                  {t('review.downloadXlsx')}
                </a>{' '}
                <a className="button" href={files.csv} download>
                  {t('review.downloadCsv')}
                </a>{' '}
                <a className="button" href={files.print} target="_blank" rel="noopener">
                  {t('review.print')}
                </a>
              </p>
              {r.rows && <RankingTable rows={r.rows} caption={t('review.ranking', { period: r.period })} />}

              <section aria-labelledby="appeals-title">
                <h2 id="appeals-title">{t('review.appeals')}</h2>
                {appeals.length === 0 && <p className="muted">{t('review.noAppeals')}</p>}
                <ul className="appeals">
                  {appeals.map((a) => {
                    const decision = decisionOf(a);
                    return (
                      <li key={a.appealId} className="appeal">
                        <p>
                          <strong>{labels.district(a.district)}</strong> · {a.reason}
                          {a.filedBy && (
                            <span className="muted">
                              {' '}
                              · {t('review.filed', { by: a.filedBy, time: formatDateTime(a.filedAt) })}
                            </span>
                          )}
                        </p>
                        {(a.items ?? []).length > 0 && (
                          <ul>
                            {(a.items ?? []).map((item) => (
                              <li key={item.issueId}>
                                <Link to={`${APP_BASE}/issues/${encodeURIComponent(item.issueId)}`}>
                                  {item.issueId}
                                </Link>{' '}
                                — {item.claim}
                              </li>
                            ))}
                          </ul>
                        )}
                        {decision ? (
                          <p
                            className={`decision ${decision.upheld ? 'decision-upheld' : 'decision-dismissed'}`}
                          >
                            {t(decision.upheld ? 'review.upheld' : 'review.dismissed')}: {decision.comment}
                            {decision.decidedBy &&
                              ` (${decision.decidedBy}, ${formatDateTime(decision.decidedAt)})`}
                          </p>
                        ) : draft && may(user, 'review.decide') ? (
                          <details className="command">
                            <summary>{t('review.decide')}</summary>
                            <CommandForm
                              id={`decide-${a.appealId}`}
                              fields={decisionFields}
                              submitLabel={t('review.decideSubmit')}
                              send={send(`appeals/${encodeURIComponent(a.appealId)}/decision`)}
                              onDone={onDone}
                            />
                          </details>
                        ) : (
                          <p className="muted">{t('review.awaitingDecision')}</p>
                        )}
                      </li>
                    );
                  })}
                </ul>
                {draft && may(user, 'review.appeal') && (
                  <details className="command">
                    <summary>{t('review.fileAppeal')}</summary>
                    <CommandForm
                      id="file-appeal"
                      fields={appeal}
                      initial={{ district: own ?? '' }}
                      submitLabel={t('review.fileAppealSubmit')}
                      send={send('appeals')}
                      onDone={onDone}
                    />
                  </details>
                )}
              </section>

              {draft && may(user, 'review.publish') && (
                <section aria-labelledby="publish-title" className="panel">
                  <h2 id="publish-title">{t('review.publish')}</h2>
                  {undecided.length > 0 && (
                    <p className="notice">{t('review.decideFirst', { count: undecided.length })}</p>
                  )}
                  <CommandForm
                    id="publish-review"
                    fields={publicationFields}
                    submitLabel={t('review.publishSubmit')}
                    send={send('publication')}
                    onDone={onDone}
                  />
                </section>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
