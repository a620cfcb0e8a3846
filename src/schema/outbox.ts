/**
 * The device's side of delivering responses to the collection server (src/sync/): the outbox of
 * completed revisions and the collection links this device is bound to. Stored in IndexedDB
 * (src/db/outbox.ts, Dexie schema version 3); parsed when read.
 */
import { z } from "zod";
import "./zod-config.ts";
import { responseRecordSchema } from "./response.ts";
import { receiptSchema } from "./submission.ts";

const isoUtc = z.iso.datetime({ offset: false });

/**
 * Where one completed revision is on its way:
 *   queued      waiting to be sent (also while its survey's link cannot be used: nothing is dropped);
 *   delivered   the server holds it (`receipt`); kept for good, never deleted;
 *   conflict    the server holds this revision with other answers (409 revision-conflict): both kept;
 *   rejected    the server refused it for a reason retrying cannot fix (`error`): kept, shown;
 *   superseded  a later revision of the same response was completed before this one was sent: the
 *               later one is sent instead (its `replaces` names the last delivered revision).
 */
export const OUTBOX_STATES = ["queued", "delivered", "conflict", "rejected", "superseded"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const outboxEntrySchema = z.object({
  responseId: z.uuid(),
  surveyId: z.string().min(1),
  revision: z.number().int().min(1),
  state: z.enum(OUTBOX_STATES),
  /** The completed record exactly as it was when this revision was completed (what is sent). */
  response: responseRecordSchema,
  queuedAt: isoUtc,
  /** Sends tried so far (answered or not). */
  attempts: z.number().int().min(0),
  lastAttemptAt: isoUtc.nullable(),
  /** The last failure: a problem code of src/schema/server-api.ts, or network / no-server / bad-answer. */
  error: z.object({ code: z.string(), message: z.string(), at: isoUtc }).nullable(),
  receipt: receiptSchema.nullable(),
  /** For `conflict`: what the server says it holds under this revision. */
  conflict: z.object({ storedHash: z.string().nullable(), receivedAt: z.string().nullable(), sentHash: z.string() }).nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const LINK_STATES = ["active", "revoked", "expired", "invalid", "wrong-survey"] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** A collection link this device was opened with: its survey's responses go to the server with its token. */
export const deviceLinkSchema = z.object({
  surveyId: z.string().min(1),
  /** The bearer token (`sslink_…`) from the link's URL. */
  token: z.string().min(1),
  label: z.string(),
  expiresAt: isoUtc,
  boundAt: isoUtc,
  state: z.enum(LINK_STATES),
  /** When the server last answered about the link. */
  checkedAt: isoUtc.nullable(),
  /** The newest version the server had published, as last seen. */
  latest: z.number().int().positive().nullable(),
});
export type DeviceLink = z.infer<typeof deviceLinkSchema>;

/** The outbox's storage, as src/sync/ uses it; src/db/outbox.ts implements it. */
export interface OutboxStore {
  /**
   * Adds a completed revision as `queued` unless it is there already (true when added), and marks
   * the response's older revisions that are still queued as `superseded`, in one transaction.
   */
  enqueue(response: z.infer<typeof responseRecordSchema>, at: string): Promise<boolean>;
  /** Every `queued` entry (and, when asked, every `rejected` one), oldest first. */
  queued(options?: { withRejected?: boolean }): Promise<OutboxEntry[]>;
  update(responseId: string, revision: number, patch: Partial<Omit<OutboxEntry, "responseId" | "revision">>): Promise<void>;
  /** The highest delivered revision of a response, or null. */
  lastDelivered(responseId: string): Promise<number | null>;
  has(responseId: string, revision: number): Promise<boolean>;
  links(): Promise<DeviceLink[]>;
  link(surveyId: string): Promise<DeviceLink | undefined>;
  putLink(link: DeviceLink): Promise<void>;
  updateLink(surveyId: string, patch: Partial<Omit<DeviceLink, "surveyId">>): Promise<void>;
}
