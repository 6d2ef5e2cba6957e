/**
 * What the app asks for as soon as its script runs, before React's first render: the token (from the address,
 * then stripped from it, or from storage), the page of the address, and with a token the session (config and
 * identity). Waiting for the first render and its effects delayed these requests by ≈ 100 ms on the wall display.
 */
import type { Me, PublicConfig } from '../../shared/api.js';
import { Api, type Credential } from './lib/api.js';
import { takeTokenFromUrl, TOKEN_KEY } from './lib/token.js';
import { loadPage, routeOf } from './pages.js';

export interface SessionData {
  config: PublicConfig;
  me: Me;
}

/** Config, identity and the current page's chunk, in parallel: a loaded page renders at once (see pages.tsx). */
export function readSession(api: Api): Promise<SessionData> {
  return Promise.all([api.config(), api.me(), loadPage(routeOf(window.location.pathname))]).then(([config, me]) => ({ config, me }));
}

function initialToken(): string | null {
  const { token, cleanUrl } = takeTokenFromUrl(window.location.href);
  if (cleanUrl !== null) window.history.replaceState(null, '', cleanUrl);
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    return token ?? localStorage.getItem(TOKEN_KEY);
  } catch {
    return token;
  }
}

export const bootToken = initialToken();

// Without a token the page still loads now; whoever signs in needs it.
loadPage(routeOf(window.location.pathname)).catch(() => undefined);
// A 401 here is reported when the session is taken (the caller signs out), hence no handler of its own.
let bootSession = bootToken ? readSession(new Api({ kind: 'token', token: bootToken }, () => undefined)) : null;
bootSession?.catch(() => undefined);

/** The session read at boot for this credential, handed over once: a retry or a later sign-in reads again. */
export function takeBootSession(credential: Credential): Promise<SessionData> | null {
  const session = credential.kind === 'token' && credential.token === bootToken ? bootSession : null;
  bootSession = null;
  return session;
}
