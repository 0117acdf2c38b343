import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { navigate } from '../../app/router';
import { useSession } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageTitle } from '../../components/PageTitle';

/**
 * Sign-in (POST /auth/login): the engine sets an HttpOnly session cookie, so the page never
 * holds a token. One message whether the user exists or not; a lock-out says how long.
 */
export default function SignInView({ expired, next }: { expired: boolean; next: string | null }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      if (next) navigate(next, { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, String(failure)));
      setPassword('');
    } finally {
      setPending(false);
    }
  };

  const message =
    error === null
      ? null
      : error.status === 401
        ? t('signIn.wrong')
        : error.status === 429
          ? t('signIn.locked')
          : error.status === 400
            ? t('signIn.missing')
            : error.status === 0
              ? t('errors.unreachable')
              : `${t('errors.failed', { status: error.status })} ${error.message}`;

  return (
    <div className="sign-in-page">
      <div className="sign-in-lang">
        <LanguageSwitch />
      </div>
      <main id="main" className="sign-in-card">
        <p className="brand-title">{t('app.title')}</p>
        <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
        {expired && (
          <p className="notice" role="status">
            {t('signIn.expired')}
          </p>
        )}
        <form
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          aria-describedby={message ? 'sign-in-error' : undefined}
        >
          <div className="field">
            <label htmlFor="sign-in-username">{t('signIn.username')}</label>
            <input
              id="sign-in-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              aria-invalid={error?.status === 401 || undefined}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">{t('signIn.password')}</label>
            <input
              id="sign-in-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={error?.status === 401 || undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {message && (
            <p id="sign-in-error" className="notice notice-error" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary wide" disabled={pending}>
            {pending ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
        <p className="muted small">{t('signIn.help')}</p>
      </main>
    </div>
  );
}
