/** Where the access token comes from: `?token=` on first open (then stripped from the address), else storage. */
export const TOKEN_KEY = 'motcua.token';

export interface TokenFromUrl {
  token: string | null;
  /** The address without the token, to put back with history.replaceState (null when nothing changed). */
  cleanUrl: string | null;
}

export function takeTokenFromUrl(href: string): TokenFromUrl {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  if (token === null) return { token: null, cleanUrl: null };
  url.searchParams.delete('token');
  return { token: token.trim() || null, cleanUrl: url.pathname + url.search + url.hash };
}
