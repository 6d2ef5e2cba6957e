import type { Migration } from 'kysely';
import * as initial from './2026-11-25T0000_initial.js';
import * as usersSessionsAudit from './2026-11-25T0100_users_sessions_audit.js';
import * as unitHourly from './2026-11-25T0050_unit_hourly.js';
import * as dailyRollup from './2026-11-25T0200_daily_rollup.js';
import * as foldQueue from './2026-11-25T0300_fold_queue.js';
import * as eventPayloadJson from './2026-11-25T0400_event_payload_json.js';
import * as unitOpen from './2026-11-25T0500_unit_open.js';
import * as dossierFoldMark from './2026-11-26T0600_dossier_fold_mark.js';
import * as partialDossierIndexes from './2026-11-26T0700_partial_dossier_indexes.js';
import * as foldQueuePartitions from './2026-11-26T0800_fold_queue_partitions.js';
import * as unitHourlyKeyByHour from './2026-11-26T0900_unit_hourly_key_by_hour.js';
import * as rejectedEventSource from './2026-11-27T1000_rejected_event_source.js';
import * as procedureDaily from './2026-11-27T1100_procedure_daily.js';

/** Every migration by its timestamped name; the Migrator applies them in name order. Add new ones here. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T0000_initial': initial,
  '2026-11-25T0050_unit_hourly': unitHourly,
  '2026-11-25T0100_users_sessions_audit': usersSessionsAudit,
  '2026-11-25T0200_daily_rollup': dailyRollup,
  '2026-11-25T0300_fold_queue': foldQueue,
  '2026-11-25T0400_event_payload_json': eventPayloadJson,
  '2026-11-25T0500_unit_open': unitOpen,
  '2026-11-26T0600_dossier_fold_mark': dossierFoldMark,
  '2026-11-26T0700_partial_dossier_indexes': partialDossierIndexes,
  '2026-11-26T0800_fold_queue_partitions': foldQueuePartitions,
  '2026-11-26T0900_unit_hourly_key_by_hour': unitHourlyKeyByHour,
  '2026-11-27T1000_rejected_event_source': rejectedEventSource,
  '2026-11-27T1100_procedure_daily': procedureDaily,
};
