import { z } from 'zod';
import { newestFirstQuerySchema } from './api.js';
import { unitCodeSchema } from './catalog.js';

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset' });
const itemId = z.string().min(1).max(128);

const base = {
  id: z.string().min(1).max(128),
  at: isoDateTime,
  unitCode: unitCodeSchema,
};

export const DOSSIER_CHANNELS = ['online', 'counter', 'postal'] as const;
export const PAYMENTS = ['online', 'offline', 'none'] as const;
export const OUTCOMES = ['approved', 'rejected'] as const;
export const FEEDBACK_CHANNELS = ['zalo', 'app', 'hotline', 'portal', 'counter', 'other'] as const;

export const dossierReceivedSchema = z.object({
  ...base,
  type: z.literal('dossier.received'),
  dossierId: itemId,
  procedureCode: z.string().min(1).max(64),
  channel: z.enum(DOSSIER_CHANNELS),
  dueAt: isoDateTime.optional(),
  payment: z.enum(PAYMENTS).default('none'),
  digitized: z.boolean().default(false),
});
export const dossierDueChangedSchema = z.object({
  ...base,
  type: z.literal('dossier.due_changed'),
  dossierId: itemId,
  dueAt: isoDateTime,
});
export const dossierResolvedSchema = z.object({
  ...base,
  type: z.literal('dossier.resolved'),
  dossierId: itemId,
  outcome: z.enum(OUTCOMES),
});
export const dossierWithdrawnSchema = z.object({
  ...base,
  type: z.literal('dossier.withdrawn'),
  dossierId: itemId,
});
export const dossierApologySentSchema = z.object({
  ...base,
  type: z.literal('dossier.apology_sent'),
  dossierId: itemId,
});
export const feedbackReceivedSchema = z.object({
  ...base,
  type: z.literal('feedback.received'),
  feedbackId: itemId,
  channel: z.enum(FEEDBACK_CHANNELS),
  // Free text as the channel gave it (the contract sets no limit; the batch's 5 MiB bounds it).
  topic: z.string().optional(),
  dueAt: isoDateTime.optional(),
});
export const feedbackResolvedSchema = z.object({
  ...base,
  type: z.literal('feedback.resolved'),
  feedbackId: itemId,
});
export const ratingSubmittedSchema = z.object({
  ...base,
  type: z.literal('rating.submitted'),
  score: z.int().min(1).max(5),
  dossierId: itemId.optional(),
});

export const eventSchema = z.discriminatedUnion('type', [
  dossierReceivedSchema,
  dossierDueChangedSchema,
  dossierResolvedSchema,
  dossierWithdrawnSchema,
  dossierApologySentSchema,
  feedbackReceivedSchema,
  feedbackResolvedSchema,
  ratingSubmittedSchema,
]);
export type IngestEvent = z.infer<typeof eventSchema>;
/** What a source system sends, before defaults are applied. */
export type IngestEventInput = z.input<typeof eventSchema>;
export type EventType = IngestEvent['type'];
export const EVENT_TYPES: readonly EventType[] = eventSchema.options.map((o) => o.shape.type.value);

export type DossierEvent = Extract<IngestEvent, { dossierId: string; type: `dossier.${string}` }>;
export type FeedbackEvent = Extract<IngestEvent, { feedbackId: string }>;

export const ingestResultSchema = z.object({
  accepted: z.int(),
  duplicates: z.int(),
  rejected: z.array(z.object({ index: z.int(), id: z.string().nullable(), error: z.string() })),
  /**
   * Present only when valid events carried fields their type does not have: each such field, with how many events
   * of the batch had it. They were ignored; a misspelled optional field (`digitised` for `digitized`) would
   * otherwise leave its default in the figures without a word.
   */
  ignoredFields: z.record(z.string(), z.int()).optional(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const rejectedEventSchema = z.object({
  /** Its place in the list: `before` pages back from it. */
  seq: z.int(),
  receivedAt: z.string(),
  /** Who sent it: the name of the ingest key, user or token of its batch (null for events kept from before it was recorded). */
  source: z.string().nullable(),
  index: z.int(),
  id: z.string().nullable(),
  error: z.string(),
  event: z.unknown(),
});
export type RejectedEvent = z.infer<typeof rejectedEventSchema>;

/** `GET /api/v1/events/rejected`. */
export const rejectedQuerySchema = newestFirstQuerySchema(100);
