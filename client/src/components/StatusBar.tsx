import { historyArriving } from '../../../shared/api.js';
import { useLiveState } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { useI18n } from '../i18n/index.js';
import { QUIET_MS, readIsQuiet, type ReadFreshness } from '../lib/freshness.js';

/** While the demo's simulator adds history: the notice saying how far it is; else null. */
export function useBackfillNotice(): string | null {
  const { t, fmt } = useI18n();
  const { backfill } = useLiveState();
  return backfill && historyArriving(backfill) ? t('backfillArriving', { done: fmt.count(backfill.daysDone), days: fmt.count(backfill.days) }) : null;
}

/**
 * Clock, "Cập nhật hh:mm:ss", the stale banner and, while the simulator back-fills, its notice, for live screens.
 * Of the live channel's figures, or given `read`, of the figures the view on screen reads over REST: those are stale
 * too when the server is away, and when their reads fail or hang while it is not, the banner names the time of the last.
 */
export function StatusBar({ showClock = true, read = null }: { showClock?: boolean; read?: ReadFreshness | null }) {
  const { t, fmt } = useI18n();
  const now = useNow(1000);
  const live = useLiveState();
  const { status } = live;
  const backfillNotice = useBackfillNotice();
  // A live view has a message at least every 30 s (a heartbeat); a read view is read every minute.
  const quiet = status === 'connected'
    && (read ? readIsQuiet(read, now.getTime()) : live.quietSince !== null && now.getTime() - live.quietSince > QUIET_MS);
  const stale = status === 'disconnected' || quiet;
  const asOf = read ? read.asOf : live.asOf;
  const lastFiguresAt = read ? read.readAt : live.lastMessageAt;
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
          {status === 'disconnected' ? t('staleDisconnected') : t('staleQuiet', { time: lastFiguresAt ? fmt.time(new Date(lastFiguresAt)) : '–' })}
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
