/**
 * `/admin` (admin role only): users (create, disable, assign units), display tokens and ingest keys (issue —
 * the secret shown once — and revoke), the holiday calendar, the events the sources sent that were rejected, and the audit log. Every name shown is plain React text (escaped).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { USER_ROLES, type AdminToken, type AdminUser, type AuditEntry, type UserRole } from '../../../shared/admin.js';
import type { RejectedEvent } from '../../../shared/events.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import { parsePlaylist } from '../lib/playlist.js';
import { Link } from '../router.js';
import { AdminApi, errorMessage, parseUnitList, type AdminCredential } from './adminApi.js';
import { HolidayCalendar, ProcedureCatalog } from './CatalogCards.js';
import { DisplayTokenForm, useSlideNames, type DisplayIssue } from './PlaylistForm.js';
import { ADMIN_TEXT, AUDIT_ACTION_NAMES, ROLE_NAMES, type AdminTextKey, type AdminTranslate } from './text.js';

function useText(): (key: AdminTextKey) => string {
  const { lang } = useI18n();
  return (key) => ADMIN_TEXT[lang === 'en' ? 'en' : 'vi'][key];
}

/** A role or an audit action by name, its code in the tooltip; a code this page does not know, as it is. */
function useNames(): { role: (code: string) => ReactNode; action: (code: string) => ReactNode } {
  const { lang } = useI18n();
  const language = lang === 'en' ? 'en' : 'vi';
  const named = (names: Record<string, string>) => (code: string) =>
    Object.hasOwn(names, code) ? <span title={code}>{names[code]}</span> : code;
  return { role: named(ROLE_NAMES[language]), action: named(AUDIT_ACTION_NAMES[language]) };
}

/** What an audit entry was done to: a token by its name (its id in the tooltip), anything else as recorded. */
function auditTarget(entry: AuditEntry): ReactNode {
  const details = entry.details as { name?: unknown } | null;
  if (entry.target?.startsWith('token:') && typeof details?.name === 'string') return <span title={entry.target}>{details.name}</span>;
  return entry.target ?? '';
}

export default function AdminPage({ credential }: { credential: AdminCredential }) {
  const { me } = useApp();
  const t = useText();
  const names = useNames();
  const { slideName } = useSlideNames();
  const i18n = useI18n();
  const { fmt } = i18n;
  const api = useMemo(() => new AdminApi(credential), [credential]);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [tokens, setTokens] = useState<AdminToken[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ value: string; display: boolean } | null>(null);

  const reload = useCallback(async () => {
    const [u, tk, a] = await Promise.all([api.users(), api.tokens(), api.audit()]);
    setUsers(u);
    setTokens(tk);
    setAudit(a);
  }, [api]);
  /** Runs an admin action, shows its error if any, then refreshes the lists (the audit log included). */
  const act = useCallback(async (task: () => Promise<unknown>) => {
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(errorMessage(e));
    }
    await reload().catch((e: unknown) => setError(errorMessage(e)));
  }, [reload]);
  useEffect(() => {
    if (me.role === 'admin') void act(async () => undefined);
  }, [me.role, act]);
  /** After a catalog card's change: the audit log (and the rest) read again, a failure shown. */
  const refreshLists = useCallback(() => void act(async () => undefined), [act]);

  if (me.role !== 'admin') {
    return <main className="admin"><p role="alert">{t('forbidden')}</p><Link href="/">{t('back')}</Link></main>;
  }
  const when = (iso: string | null) => (iso ? fmt.dateTime(iso) : '—');

  return (
    <main className="admin">
      <header className="row"><h1>{t('title')}</h1><Link href="/">{t('back')}</Link></header>
      {error && <p className="warn" role="alert">{error}</p>}
      {secret && (
        <section className="card secret" role="status">
          <p>{t('secretOnce')}</p>
          <code data-testid="issued-secret">{secret.value}</code>
          {secret.display && <p>{t('displayLink')} <code>{`${window.location.origin}/display?token=${encodeURIComponent(secret.value)}`}</code></p>}
          <button type="button" onClick={() => setSecret(null)}>{t('dismiss')}</button>
        </section>
      )}

      <section className="card">
        <h2>{t('users')}</h2>
        <CreateUserForm t={t} onCreate={(input) => act(() => api.createUser(input))} />
        <table>
          <thead><tr><th>{t('username')}</th><th>{t('displayName')}</th><th>{t('role')}</th><th>{t('units')}</th><th>{t('lastLogin')}</th><th /></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.disabledAt ? 'muted' : undefined}>
                <td>{u.username}</td><td>{u.displayName}</td><td>{names.role(u.role)}</td><td>{u.units?.join(', ') ?? '—'}</td><td>{when(u.lastLoginAt)}</td>
                <td className="row">
                  <button type="button" className="small" onClick={() => void act(() => api.updateUser(u.id, { disabled: !u.disabledAt }))}>{u.disabledAt ? t('enable') : t('disable')}</button>
                  {u.role === 'unit_head' && (
                    <button type="button" className="small" onClick={() => {
                      const text = window.prompt(t('promptUnits'), u.units?.join(', ') ?? '');
                      if (text !== null) void act(() => api.updateUser(u.id, { units: parseUnitList(text) }));
                    }}>{t('setUnits')}</button>
                  )}
                </td>
              </tr>
            ))}
            {users.length === 0 && <tr><td colSpan={6} className="muted">{t('noUsers')}</td></tr>}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>{t('tokens')}</h2>
        <IssueForms t={t} onIssue={(input) => act(async () => {
          const issued = await api.issue(input);
          setSecret({ value: issued.secret, display: input.kind === 'display' });
        })} />
        <table>
          <thead><tr><th>{t('name')}</th><th>{t('kind')}</th><th>{t('units')} / {t('playlist')}</th><th>{t('lastUsed')}</th><th /></tr></thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id} className={tk.revokedAt ? 'muted' : undefined}>
                <td>{tk.name}</td><td>{names.role(tk.role)}</td>
                <td>{tk.playlist ? <span title={tk.playlist.views}>{parsePlaylist(tk.playlist.views).map(slideName).join('; ')} · {tk.playlist.interval} s · {i18n.t(`period_${tk.playlist.period}`)}</span> : tk.units?.join(', ') ?? t('allUnits')}</td>
                <td>{when(tk.lastUsedAt)}</td>
                <td>{tk.revokedAt ? t('revoked') : (
                  <button type="button" className="small" onClick={() => { if (window.confirm(t('confirmRevoke'))) void act(() => api.revoke(tk.id)); }}>{t('revoke')}</button>
                )}</td>
              </tr>
            ))}
            {tokens.length === 0 && <tr><td colSpan={5} className="muted">{t('noTokens')}</td></tr>}
          </tbody>
        </table>
      </section>

      <HolidayCalendar api={api} t={t} onChanged={refreshLists} />

      <ProcedureCatalog api={api} t={t} onChanged={refreshLists} />

      <RejectedEvents api={api} t={t} when={when} />

      <section className="card">
        <h2>{t('audit')}</h2>
        <table>
          <thead><tr><th>{t('when')}</th><th>{t('action')}</th><th>{t('actor')}</th><th>{t('target')}</th><th>{t('ip')}</th></tr></thead>
          <tbody>
            {audit.map((e) => (
              <tr key={e.seq}><td>{when(e.at)}</td><td>{names.action(e.action)}</td><td>{e.actorName ?? '—'}</td><td>{auditTarget(e)}</td><td>{e.ip ?? ''}</td></tr>
            ))}
            {audit.length === 0 && <tr><td colSpan={5} className="muted">{t('noAudit')}</td></tr>}
          </tbody>
        </table>
      </section>
    </main>
  );
}

type T = AdminTranslate;

/** Rejected events shown a page at a time. */
const REJECTED_PAGE = 50;

/** What the sources sent that was not accepted: the newest page, then older ones on request. */
function RejectedEvents({ api, t, when }: { api: AdminApi; t: T; when: (iso: string | null) => string }) {
  const [rows, setRows] = useState<RejectedEvent[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (before?: RejectedEvent) => {
    setError(null);
    try {
      const page = await api.rejected(REJECTED_PAGE, before?.seq);
      setRows((shown) => (before ? [...shown, ...page] : page));
      setMore(page.length === REJECTED_PAGE);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="rejected-title">
      <header className="row">
        <h2 id="rejected-title">{t('rejected')}</h2>
        <button type="button" className="small" onClick={() => void load()}>{t('refresh')}</button>
      </header>
      <p className="muted">{t('rejectedHelp')}</p>
      {error && <p className="warn" role="alert">{error}</p>}
      <table data-testid="rejected-events">
        <thead><tr><th>{t('when')}</th><th>{t('source')}</th><th className="num">{t('position')}</th><th>{t('eventId')}</th><th>{t('reason')}</th><th>{t('content')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td>{when(r.receivedAt)}</td>
              <td>{r.source ?? <span className="muted">{t('unknownSource')}</span>}</td>
              <td className="num">{r.index + 1}</td>
              <td><code>{r.id ?? '—'}</code></td>
              <td>{r.error}</td>
              <td><details><summary>{t('show')}</summary><pre className="rejected-body">{JSON.stringify(r.event, null, 2)}</pre></details></td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={6} className="muted">{t('noRejected')}</td></tr>}
        </tbody>
      </table>
      {more && <button type="button" onClick={() => void load(rows.at(-1))}>{t('older')}</button>}
    </section>
  );
}

function CreateUserForm({ t, onCreate }: { t: T; onCreate: (input: { username: string; displayName?: string; password: string; role: UserRole; units: string[] | null }) => Promise<void> }) {
  const { lang } = useI18n();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'leader' as UserRole, units: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onCreate({ username: form.username, ...(form.displayName ? { displayName: form.displayName } : {}), password: form.password, role: form.role, units: parseUnitList(form.units) })
      .then(() => setForm((f) => ({ ...f, username: '', displayName: '', password: '', units: '' })));
  };
  return (
    <form className="row wrap" onSubmit={submit}>
      <input aria-label={t('username')} placeholder={t('username')} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required autoComplete="off" />
      <input aria-label={t('displayName')} placeholder={t('displayName')} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      <input aria-label={t('password')} placeholder={t('password')} type="password" minLength={10} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required autoComplete="new-password" />
      <select aria-label={t('role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as UserRole })}>
        {USER_ROLES.map((r) => <option key={r} value={r}>{ROLE_NAMES[lang === 'en' ? 'en' : 'vi'][r]}</option>)}
      </select>
      {form.role === 'unit_head' && <input aria-label={t('units')} placeholder="HN-HK, HN-BD" value={form.units} onChange={(e) => setForm({ ...form, units: e.target.value })} required />}
      <button type="submit">{t('create')}</button>
    </form>
  );
}

type Issue = DisplayIssue | { kind: 'ingest'; name: string; units: string[] | null };

function IssueForms({ t, onIssue }: { t: T; onIssue: (input: Issue) => Promise<void> }) {
  const [ingest, setIngest] = useState({ name: '', units: '' });
  return (
    <div className="row wrap">
      <DisplayTokenForm t={t} onIssue={onIssue} />
      <form className="row wrap" onSubmit={(e) => { e.preventDefault(); void onIssue({ kind: 'ingest', name: ingest.name, units: parseUnitList(ingest.units) }).then(() => setIngest({ name: '', units: '' })); }}>
        <input aria-label={t('name')} placeholder={t('name')} value={ingest.name} onChange={(e) => setIngest({ ...ingest, name: e.target.value })} required />
        <input aria-label={t('units')} placeholder={`${t('units')}: ${t('allUnits')}`} value={ingest.units} onChange={(e) => setIngest({ ...ingest, units: e.target.value })} />
        <button type="submit">{t('issueIngest')}</button>
      </form>
    </div>
  );
}
