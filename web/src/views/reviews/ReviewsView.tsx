import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/http';
import { listReviews, reviewIdOf } from '../../api/reviews';
import type { CommandAnswer } from '../../api/types';
import { appPath, Link, navigate } from '../../app/router';
import { may } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { CommandForm } from '../../components/CommandForm';
import { PageTitle } from '../../components/PageTitle';
import { Loaded } from '../../components/Status';
import { formatDateTime } from '../../format/time';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';
import { draftFields } from './review-forms';

/** 月汇总、季讲评、年总结: the reviews, and a draft form for those who draft them. */
export default function ReviewsView() {
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const reviews = useLoad((signal) => listReviews(signal), []);
  const send = useCallback(
    (body: Record<string, unknown>, key: string) => post<CommandAnswer>('/reviews', body, key),
    [],
  );
  const onDone = useCallback((answer: CommandAnswer) => {
    const id = answer.reviewId;
    if (typeof id === 'string') navigate(appPath('reviews', id));
  }, []);
  return (
    <section>
      <PageTitle>{t('reviews.title')}</PageTitle>
      {may(user, 'review.draft') && (
        <details className="command panel">
          <summary>{t('reviews.draft')}</summary>
          <CommandForm
            id="draft-review"
            fields={draftFields}
            submitLabel={t('reviews.draftSubmit')}
            send={send}
            onDone={onDone}
          />
        </details>
      )}
      <Loaded state={reviews}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty">{t('reviews.empty')}</p>
          ) : (
            <table className="responsive-table">
              <caption className="sr-only">{t('reviews.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.col.period')}</th>
                  <th scope="col">{t('reviews.col.title')}</th>
                  <th scope="col">{t('reviews.col.status')}</th>
                  <th scope="col">{t('reviews.col.drafted')}</th>
                  <th scope="col">{t('reviews.col.published')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((review) => (
                  <tr key={reviewIdOf(review)}>
                    <td data-label={t('reviews.col.period')}>{review.period}</td>
                    <td data-label={t('reviews.col.title')}>
                      <Link to={appPath('reviews', reviewIdOf(review))}>
                        {review.title || t('reviews.untitled', { period: review.period })}
                      </Link>
                    </td>
                    <td data-label={t('reviews.col.status')}>{labels.reviewStatus(review.status)}</td>
                    <td data-label={t('reviews.col.drafted')}>
                      {review.draftedBy ?? '—'}{' '}
                      {review.draftedAt ? `· ${formatDateTime(review.draftedAt)}` : ''}
                    </td>
                    <td data-label={t('reviews.col.published')}>{formatDateTime(review.publishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
