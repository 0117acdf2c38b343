import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { homeOf } from '../../app/routes';
import { useUser } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';

export function NotFoundView() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <Link to={homeOf(user)}>{t('notFound.home')}</Link>
    </section>
  );
}

/** A view the role may not open: said plainly, not hidden behind a blank page. */
export function NotAllowedView() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section>
      <PageTitle>{t('notAllowed.title')}</PageTitle>
      <p>{t('notAllowed.text')}</p>
      <Link to={homeOf(user)}>{t('notFound.home')}</Link>
    </section>
  );
}
