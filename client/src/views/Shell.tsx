import type { ReactNode } from 'react';
import { ComparedWith } from '../components/Versus.js';
import { PeriodPicker } from '../components/PeriodPicker.js';
import { StatusBar } from '../components/StatusBar.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';
import { periodChoiceParams, type PeriodChoice } from '../lib/periods.js';
import { Link, hrefWith, navigate, useLocation } from '../router.js';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" className="small lang-switch" lang={lang === 'vi' ? 'en' : 'vi'} title={t('language')} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {t('switchLanguage')}
    </button>
  );
}

/**
 * The dashboard's frame: navigation, period (and what it is compared with, on pages that compare: `compare`),
 * language, live status. The wall display has none of it.
 */
export function Shell({ choice, live, compare = false, children }: { choice: PeriodChoice; live: boolean; compare?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const { me, signOut } = useApp();
  const { pathname, params } = useLocation();
  const setChoice = (next: PeriodChoice) => {
    const query: Record<string, string> = { ...periodChoiceParams(next) };
    const kind = params.get('kind');
    if (kind) query.kind = kind;
    navigate(hrefWith(pathname, query));
  };
  const periodQuery = periodChoiceParams(choice);
  // A unit head's own units first: what they come for (their unit against its peers, its overdue dossiers).
  const ownUnits = (me.role === 'unit_head' ? (me.units ?? []) : []).map((code) => `/unit/${encodeURIComponent(code)}`);
  const nav = [
    ...ownUnits.map((href, i) => ({
      href,
      label: ownUnits.length === 1 ? t('navMyUnit') : `${t('navMyUnit')} ${me.units?.[i] ?? ''}`,
      active: pathname === href,
    })),
    { href: '/', label: t('navOverview'), active: pathname === '/' },
    { href: '/rankings', label: t('navRankings'), active: pathname.startsWith('/rankings') || (pathname.startsWith('/unit/') && !ownUnits.includes(pathname)) },
    { href: '/procedures', label: t('navProcedures'), active: pathname === '/procedures' || pathname.startsWith('/procedures/') },
  ];
  return (
    <div className="shell">
      <header className="topbar">
        {/* The short name on a narrow screen: the full one left no room for the navigation on a 1024-pixel projector. */}
        <strong className="brand"><span className="brand-full">{t('appName')}</span><span className="brand-short">{t('appShortName')}</span></strong>
        <nav aria-label={t('appName')}>
          {nav.map((item) => (
            <Link key={item.href} href={hrefWith(item.href, periodQuery)} aria-current={item.active ? 'page' : undefined}>{item.label}</Link>
          ))}
          <Link href={hrefWith('/present', periodQuery)}>{t('navPresent')}</Link>
          <a href={hrefWith('/display', { period: choice.type === 'named' ? choice.period : 'today' })}>{t('navDisplay')}</a>
          {me.role === 'admin' ? <Link href="/admin" aria-current={pathname === '/admin' ? 'page' : undefined}>{t('navAdmin')}</Link> : null}
        </nav>
        <PeriodPicker key={JSON.stringify(choice)} value={choice} onChange={setChoice} compare={compare} />
        <LanguageSwitch />
        <span className="me" title={me.role}>{me.name}</span>
        {/* Names who is signed in where the name itself gives way (a narrow screen). */}
        <button type="button" className="small" title={me.name} onClick={signOut}>{t('signOut')}</button>
      </header>
      {live ? <StatusBar showClock={false} /> : null}
      <main id="main"><ComparedWith value={choice.versus ?? 'previous'}>{children}</ComparedWith></main>
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  const { t } = useI18n();
  return <p className="empty loading" role="status">{what ?? t('loading')}</p>;
}

export function LoadError({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="empty error" role="alert">
      <p>{t('errorLoad', { message: error.message })}</p>
      {retry && <button type="button" onClick={retry}>{t('retry')}</button>}
    </div>
  );
}

/** Why the server will not show a unit: it has no such unit, or this account may not see it. */
export type UnitRefusal = 'not_found' | 'forbidden';

/**
 * The refusal in the server's own answer, over REST (404, 403) or the live channel (its error code); null for any other
 * failure: a server or network down says nothing about the unit.
 */
export function unitRefusal(error: Error | null, live: { code: string } | null = null): UnitRefusal | null {
  const status = error instanceof ApiError ? error.status : null;
  if (status === 404 || live?.code === 'not_found') return 'not_found';
  if (status === 403 || live?.code === 'forbidden') return 'forbidden';
  return null;
}

/** Says plainly that a unit cannot be shown and why, with nothing to retry: asking again changes nothing. */
export function UnitRefused({ refusal, code }: { refusal: UnitRefusal; code: string }) {
  const { t } = useI18n();
  return <p className="empty">{t(refusal === 'not_found' ? 'unitNotFound' : 'unitForbidden', { code })}</p>;
}
