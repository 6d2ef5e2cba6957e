import { useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { LanguageSwitch } from './Shell.js';

/** Shown without a token, or after the server refused one. */
export function SignIn({ expired, onToken }: { expired: boolean; onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  return (
    <main className="sign-in">
      <form className="card" onSubmit={(e) => { e.preventDefault(); if (value.trim()) onToken(value.trim()); }}>
        <h1>{t('signInTitle')}</h1>
        {expired && <p className="warn" role="alert">{t('signInExpired')}</p>}
        <p>{t('signInText')}</p>
        <label>
          <span>{t('signInField')}</span>
          <input type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} required />
        </label>
        <div className="row">
          <button type="submit">{t('signInSubmit')}</button>
          <LanguageSwitch />
        </div>
      </form>
    </main>
  );
}
