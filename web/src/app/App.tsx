import { Suspense, useEffect } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/session';
import { Loading } from '../components/Status';
import SignInView from '../views/sign-in/SignInView';
import { NotAllowedView, NotFoundView } from '../views/not-found/NotFoundView';
import { Layout } from './Layout';
import { homeOf, ROUTES } from './routes';
import { APP_BASE, match, navigate, useLocation } from './router';

/** The sign-in gate, then the view the path names, if the role may see it. */
export function App() {
  const { state } = useSession();
  const { path, search } = useLocation();

  const signedIn = state.status === 'signed-in';
  const atHome = path === '/' || path === APP_BASE || path === `${APP_BASE}/`;
  useEffect(() => {
    if (signedIn && atHome) navigate(homeOf(state.user), { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, atHome]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out')
    return (
      <SignInView
        expired={state.expired}
        next={atHome ? null : path + (search.size ? `?${search.toString()}` : '')}
      />
    );

  const found = ROUTES.map((route) => ({ route, params: match(route.pattern, path) })).find((m) => m.params);
  // /app/issues/new also matches /app/issues/:id: the table lists it first, and find keeps the first.
  let content;
  if (atHome) content = <Loading />;
  else if (!found) content = <NotFoundView />;
  else if (!may(state.user, found.route.requires)) content = <NotAllowedView />;
  else {
    const View = found.route.view;
    // Keyed by path: another issue (or group, or review) starts with fresh forms.
    content = <View key={path} params={found.params!} />;
  }
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{content}</Suspense>
    </Layout>
  );
}
