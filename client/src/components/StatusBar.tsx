import { historyArriving } from '../../../shared/api.js';
import { useLiveState } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { useI18n } from '../i18n/index.js';

/** No message for this long while connected also counts as stale: the server sends a heartbeat update every 30 s. */
export const QUIET_MS = 90_000;

/** While the demo's simulator adds history: the notice saying how far it is; else null. */
export function useBackfillNotice(): string | null {
  const { t, fmt } = useI18n();
  const { backfill } = useLiveState();
  return backfill && historyArriving(backfill) ? t('backfillArriving', { done: fmt.count(backfill.daysDone), days: fmt.count(backfill.days) }) : null;
}

/** Clock, "Cập nhật hh:mm:ss", the stale banner and, while the simulator back-fills, its notice, for live screens. */
export function StatusBar({ showClock = true }: { showClock?: boolean }) {
  const { t, fmt } = useI18n();
  const now = useNow(1000);
  const { status, lastMessageAt, asOf } = useLiveState();
  const backfillNotice = useBackfillNotice();
  const quiet = status === 'connected' && lastMessageAt !== null && now.getTime() - lastMessageAt > QUIET_MS;
  const stale = status === 'disconnected' || quiet;
  return (
    <>
      <div className="status-bar">
        {showClock && <time className="clock num" dateTime={now.toISOString()}>{fmt.time(now)}</time>}
        <span className={`live-dot ${stale ? 'off' : status === 'connected' ? 'on' : 'wait'}`} aria-hidden="true" />
        <span className="updated num" data-testid="updated">
          {asOf ? t('updatedAt', { time: fmt.time(asOf) }) : t(status === 'connected' ? 'connected' : 'connecting')}
        </span>
      </div>
      {stale ? (
        <div className="stale-banner" role="alert" data-testid="stale-banner">
          {status === 'disconnected' ? t('staleDisconnected') : t('staleQuiet', { time: lastMessageAt ? fmt.time(new Date(lastMessageAt)) : '–' })}
        </div>
      ) : (
        backfillNotice && (
          <div className="stale-banner backfill-banner" role="status" data-testid="backfill-banner">
            {backfillNotice}
          </div>
        )
      )}
    </>
  );
}
