import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface UnitTable {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  updated_at: Generated<Date>;
}

export interface ProcedureTable {
  code: string;
  name: string;
  field: string;
  level: string;
  processing_days: number;
  online_level: string;
}

export interface HolidayTable {
  /** yyyy-MM-dd */
  date: ColumnType<string, string, string>;
  name: string;
}

export interface EventTable {
  id: string;
  type: string;
  at: Timestamp;
  unit_code: string;
  dossier_id: string | null;
  feedback_id: string | null;
  payload: Json<unknown>;
  ingested_at: Generated<Date>;
}

export interface DossierTable {
  dossier_id: string;
  unit_code: string | null;
  procedure_code: string | null;
  channel: string | null;
  payment: string | null;
  digitized: boolean | null;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  resolved_at: Timestamp | null;
  outcome: string | null;
  resolution: string | null;
  withdrawn_at: Timestamp | null;
  /** The last event folded into this state, by the fold's order (at, then id); null for rows folded before it was kept. */
  last_event_at: Timestamp | null;
  last_event_id: string | null;
}

export interface FeedbackTable {
  feedback_id: string;
  unit_code: string | null;
  channel: string | null;
  topic: string | null;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  resolved_at: Timestamp | null;
}

export interface RatingTable {
  event_id: string;
  unit_code: string;
  at: Timestamp;
  score: number;
  dossier_id: string | null;
}

export interface ApologyTable {
  event_id: string;
  unit_code: string;
  dossier_id: string;
  at: Timestamp;
}

export interface UnitHourlyTable {
  unit_code: string;
  /** Start of the UTC hour. */
  hour: Timestamp;
  received: number;
  received_online: number;
  received_payable: number;
  received_paid_online: number;
  received_digitized: number;
  resolved: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  ratings: number;
  ratings_satisfied: number;
}

/** Per unit and local calendar day (its start, in the zone recorded in rollup_settings): unit_hourly's counters. */
export type UnitDailyTable = Omit<UnitHourlyTable, 'hour'> & { day: Timestamp };

/** Per procedure and local calendar day, city-wide (the zone as unit_daily's): unit_hourly's dossier counters. */
export type ProcedureDailyTable = Omit<UnitHourlyTable, 'unit_code' | 'hour' | 'ratings' | 'ratings_satisfied'> & { procedure_code: string; day: Timestamp };

/** Open dossiers (received, neither resolved nor withdrawn) per unit and UTC hour of their due time ('infinity': none). */
export interface UnitOpenTable {
  unit_code: string;
  due_hour: Timestamp;
  open: number;
}

export interface RollupSettingTable {
  key: string;
  value: string;
}

/**
 * Stored events not yet folded into the dossier state and rollups (see server/ingest/folder.ts): a row holds the
 * ids of one acknowledged batch's events of one fold partition (ingest.repository.ts, FOLD_PARTITIONS).
 */
export interface FoldQueueTable {
  seq: Generated<string>;
  part: number;
  event_ids: string[];
}

export interface RejectedEventTable {
  seq: Generated<string>;
  received_at: Generated<Date>;
  batch_index: number;
  event_id: string | null;
  error: string;
  body: Json<unknown> | null;
  /** Who sent it: the name of the ingest key, user or token of its batch (null before migration 2026-11-27T1000). */
  source: string | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  units: Json<string[] | null> | null;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** Display tokens: the wall's playlist, as `views=…&interval=…`. */
  playlist: string | null;
  created_by: string | null;
  last_used_at: Timestamp | null;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  units: Json<string[] | null> | null;
  created_at: Generated<Date>;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: Generated<string>;
  at: Generated<Date>;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  target: string | null;
  ip: string | null;
  details: Json<unknown> | null;
}

export interface Database {
  units: UnitTable;
  procedures: ProcedureTable;
  holidays: HolidayTable;
  events: EventTable;
  dossiers: DossierTable;
  feedback: FeedbackTable;
  ratings: RatingTable;
  apologies: ApologyTable;
  unit_hourly: UnitHourlyTable;
  unit_daily: UnitDailyTable;
  procedure_daily: ProcedureDailyTable;
  unit_open: UnitOpenTable;
  rollup_settings: RollupSettingTable;
  rejected_events: RejectedEventTable;
  fold_queue: FoldQueueTable;
  api_tokens: ApiTokenTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
}

export type DossierRow = Selectable<DossierTable>;
export type NewDossier = Insertable<DossierTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
export type NewFeedback = Insertable<FeedbackTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
