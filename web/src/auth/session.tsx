import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { signIn as postLogin, signOut as postLogout, whoAmI } from '../api/auth';
import { ApiError, setSignedOutHandler } from '../api/http';
import type { Principal } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: Principal };

interface Session {
  state: SessionState;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** /auth/me answers the principal; an engine that wraps it as `{ user }` is read the same. */
const principalOf = (answer: Principal | { user: Principal }): Principal =>
  'user' in answer && answer.user ? answer.user : (answer as Principal);

/**
 * The signed-in principal, from the session cookie (HttpOnly: the page never holds the token).
 * Any 401 from any request ends the session here, and the page asks to sign in again.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    whoAmI(controller.signal).then(
      (me) => setState({ status: 'signed-in', user: principalOf(me) }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // 401: nobody signed in. Anything else (engine away): still the sign-in page, which says so on submit.
        setState({ status: 'signed-out', expired: false });
        if (!(error instanceof ApiError)) console.error(error);
      },
    );
    setSignedOutHandler(() =>
      setState((current) =>
        current.status === 'signed-in' ? { status: 'signed-out', expired: true } : current,
      ),
    );
    return () => {
      controller.abort();
      setSignedOutHandler(null);
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await postLogin(username, password);
    setState({ status: 'signed-in', user: answer.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await postLogout();
    } finally {
      setState({ status: 'signed-out', expired: false });
    }
  }, []);

  const session = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in principal; views behind the sign-in gate only. */
export function useUser(): Principal {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser while not signed in');
  return state.user;
}
