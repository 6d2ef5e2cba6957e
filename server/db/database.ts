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

export interface RejectedEventTable {
  seq: Generated<string>;
  received_at: Generated<Date>;
  batch_index: number;
  event_id: string | null;
  error: string;
  body: Json<unknown> | null;
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
  rejected_events: RejectedEventTable;
  api_tokens: ApiTokenTable;
}

export type DossierRow = Selectable<DossierTable>;
export type NewDossier = Insertable<DossierTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
export type NewFeedback = Insertable<FeedbackTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
