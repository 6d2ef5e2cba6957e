import { useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { signInWithPassword } from '../lib/api.js';
import { LanguageSwitch } from './Shell.js';

/** Shown without a token or session, or after the server refused them: paste an access code, or sign in. */
export function SignIn({ expired, onToken, onSession }: { expired: boolean; onToken: (token: string) => void; onSession: () => void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await signInWithPassword(username.trim(), password);
      if (result.ok) onSession();
      else setFailure(result.status === 429 ? t('signInTooMany') : t('signInWrong'));
    } catch {
      setFailure(t('signInWrong'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="card sign-in-card">
        <h1>{t('signInTitle')}</h1>
        {expired && <p className="warn" role="alert">{t('signInExpired')}</p>}
        <p>{t('signInText')}</p>
        <form onSubmit={(e) => { e.preventDefault(); if (token.trim()) onToken(token.trim()); }}>
          <label>
            <span>{t('signInField')}</span>
            <input type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} required />
          </label>
          <button type="submit">{t('signInSubmit')}</button>
        </form>
        <h2>{t('signInPasswordTitle')}</h2>
        <form onSubmit={(e) => { e.preventDefault(); void signIn(); }}>
          <label>
            <span>{t('signInUsername')}</span>
            <input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </label>
          <label>
            <span>{t('signInPassword')}</span>
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          {failure && <p className="warn" role="alert">{failure}</p>}
          <button type="submit" disabled={busy}>{t('signInPasswordSubmit')}</button>
        </form>
        <LanguageSwitch />
      </div>
    </main>
  );
}
