import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Me, PublicConfig } from '../../shared/api.js';
import { DEFAULT_TIME_ZONE } from '../../shared/limits.js';
import { bootToken, readSession, takeBootSession } from './boot.js';
import { AppContext, type AppContextValue } from './context.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { Api, sessionUser, signOutSession, UnauthorizedError, type Credential } from './lib/api.js';
import { TOKEN_KEY } from './lib/token.js';
import { LiveConnection } from './live/connection.js';
import { routeOf, RoutePage } from './pages.js';
import { useLocation } from './router.js';
import { LoadError, Loading } from './views/Shell.js';
import { SignIn } from './views/SignIn.js';

function Routes({ credential }: { credential: Credential }) {
  const { pathname } = useLocation();
  return <RoutePage route={routeOf(pathname)} credential={credential} />;
}

type Session = { state: 'loading' } | { state: 'ready'; config: PublicConfig; me: Me } | { state: 'error'; error: Error };

function Authorized({ credential, onUnauthorized, onConfig }: { credential: Credential; onUnauthorized: () => void; onConfig: (c: PublicConfig) => void }) {
  const { t } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const api = useMemo(() => new Api(credential, onUnauthorized), [credential, onUnauthorized]);
  const token = credential.kind === 'token' ? credential.token : null;
  // Created in an effect, not a memo, so StrictMode's mount–unmount–mount closes and reopens it cleanly.
  const [live, setLive] = useState<LiveConnection | null>(null);
  useEffect(() => {
    const connection = new LiveConnection(token, onUnauthorized);
    setLive(connection);
    return () => connection.close();
  }, [token, onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    setSession({ state: 'loading' });
    (takeBootSession(credential) ?? readSession(api)).then(
      ({ config, me }) => {
        if (cancelled) return;
        onConfig(config);
        setSession({ state: 'ready', config, me });
      },
      (error: unknown) => {
        if (cancelled) return;
        // The boot session's reader has no sign-out callback; `api` has one (a second call changes nothing).
        if (error instanceof UnauthorizedError) return onUnauthorized();
        setSession({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => { cancelled = true; };
  }, [api, credential, onConfig, onUnauthorized, attempt]);

  const signOut = useCallback(() => {
    try { localStorage.removeItem(TOKEN_KEY); } catch { /* nothing stored */ }
    void (credential.kind === 'session' ? signOutSession() : Promise.resolve()).then(() => window.location.assign('/'));
  }, [credential]);
  const value = useMemo<AppContextValue | null>(
    () => (session.state === 'ready' && live ? { api, live, config: session.config, me: session.me, signOut } : null),
    [session, api, live, signOut],
  );
  if (session.state === 'error') return <LoadError error={session.error} retry={() => setAttempt((n) => n + 1)} />;
  if (!value) return <Loading what={t('loadingConfig')} />;
  return (
    <AppContext.Provider value={value}>
      <Suspense fallback={<Loading />}>
        <Routes credential={credential} />
      </Suspense>
    </AppContext.Provider>
  );
}

type Auth = { state: 'probing' } | { state: 'signedOut'; expired: boolean } | { state: 'in'; credential: Credential };

function credentialKey(credential: Credential): string {
  return credential.kind === 'token' ? `token:${credential.token}` : 'session';
}

export function App() {
  const [auth, setAuth] = useState<Auth>(() => (bootToken ? { state: 'in', credential: { kind: 'token', token: bootToken } } : { state: 'probing' }));
  const [timeZone, setTimeZone] = useState(DEFAULT_TIME_ZONE);

  // No token: a browser signed in with a password carries a session cookie instead.
  useEffect(() => {
    if (auth.state !== 'probing') return;
    let cancelled = false;
    sessionUser().then(
      (me) => { if (!cancelled) setAuth(me ? { state: 'in', credential: { kind: 'session' } } : { state: 'signedOut', expired: false }); },
      () => { if (!cancelled) setAuth({ state: 'signedOut', expired: false }); },
    );
    return () => { cancelled = true; };
  }, [auth.state]);

  const onUnauthorized = useCallback(() => {
    try { localStorage.removeItem(TOKEN_KEY); } catch { /* nothing stored */ }
    setAuth({ state: 'signedOut', expired: true });
  }, []);
  const onConfig = useCallback((config: PublicConfig) => setTimeZone(config.timeZone), []);
  const withToken = useCallback((token: string) => {
    try { localStorage.setItem(TOKEN_KEY, token); } catch { /* kept for this page only */ }
    setAuth({ state: 'in', credential: { kind: 'token', token } });
  }, []);
  const withSession = useCallback(() => setAuth({ state: 'in', credential: { kind: 'session' } }), []);
  return (
    <I18nProvider timeZone={timeZone}>
      {auth.state === 'in' ? (
        <Authorized key={credentialKey(auth.credential)} credential={auth.credential} onUnauthorized={onUnauthorized} onConfig={onConfig} />
      ) : auth.state === 'signedOut' ? (
        <SignIn expired={auth.expired} onToken={withToken} onSession={withSession} />
      ) : (
        <Loading />
      )}
    </I18nProvider>
  );
}
