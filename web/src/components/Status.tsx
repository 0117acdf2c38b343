import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

/** "Loading…", announced politely. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="status" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** What went wrong with a read, in the engine's words, and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  const message = error instanceof Error ? error.message : String(error);
  const headline =
    status === 0
      ? t('errors.unreachable')
      : status === 403
        ? t('errors.forbidden')
        : status === 404
          ? t('errors.notFound')
          : t('errors.failed', { status });
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{headline}</strong> {message}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Shows the load state or, once loaded, the children. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => React.ReactNode;
}) {
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
