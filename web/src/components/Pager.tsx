import { useTranslation } from 'react-i18next';

/**
 * Server-side pages: the engine's cursors are one-way, so the pager keeps the cursors of the
 * pages already seen to go back.
 */
export function Pager({
  page,
  hasNext,
  onPrevious,
  onNext,
  label,
}: {
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={onPrevious} disabled={page === 0}>
        {t('pager.previous')}
      </button>
      <span aria-live="polite">{t('pager.page', { page: page + 1 })}</span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
