/**
 * What a device sends to the collection server, and what it gets back: the wire contract of
 * `PUT /api/surveys/{surveyId}/responses/{responseId}/revisions/{revision}` (docs/api.md).
 * The server (server/) and the app's outbox parse the same schemas.
 *
 * A completed response is identified by (response id, revision): revision 1 is the first
 * completion, each reopen-and-complete on the device makes the next one. The body carries the
 * record and its content hash (`responseContentHash`); the server answers
 *   201 created    — stored now (receipt),
 *   200 identical  — that revision was already stored with the same hash (receipt of the first),
 *   409 conflict   — that revision is stored with different content; nothing is overwritten.
 * A retry after a time-out is therefore always safe.
 */
import { z } from "zod";
import "./zod-config.ts";
import { canonicalJson } from "./canonical-json.ts";
import { responseRecordSchema, type ResponseRecord } from "./response.ts";
import { textToSha256 } from "./responses-file.ts";

const isoUtc = z.iso.datetime({ offset: false });
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 hash in lowercase hex (64 characters)");

/** A revision number on the wire: 1 for the first completion. */
export const revisionSchema = z.number().int().min(1, "must be 1 or more (revision 0 is a draft that was never completed)").max(1_000_000);

/** The record as submitted: a completed response (its `revision` is optional until every device sends it). */
export const submittedResponseSchema = responseRecordSchema.extend({
  status: z.literal("completed", { error: 'must be "completed": only completed responses are sent' }),
  completedAt: isoUtc,
  revision: revisionSchema.optional(),
});
export type SubmittedResponse = z.infer<typeof submittedResponseSchema>;

/** The body of the PUT. */
export const submissionSchema = z.strictObject({
  response: submittedResponseSchema,
  /** `responseContentHash(response, revision)`: the server recomputes it and refuses a mismatch. */
  contentHash: sha256HexSchema,
  /**
   * The revision this one replaces (the device's last delivered revision), or null for the first.
   * Kept in the history as ODK keeps `deprecatedID`; never a reason to refuse, since a revision
   * the server never received (completed twice while offline) may be replaced.
   */
  replaces: revisionSchema.nullable().optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** What the content hash covers: everything the respondent gave, not the UI's place (page, progress, updatedAt). */
export function responseContent(record: Pick<ResponseRecord, "id" | "surveyId" | "surveyVersion" | "status" | "data" | "language" | "createdAt" | "completedAt">, revision: number): string {
  return canonicalJson({
    id: record.id,
    surveyId: record.surveyId,
    surveyVersion: record.surveyVersion,
    revision,
    status: record.status,
    data: record.data,
    language: record.language,
    createdAt: record.createdAt,
    completedAt: record.completedAt,
  });
}

/** SHA-256 (hex) of `responseContent`: the same in the browser, the worker and Node. */
export function responseContentHash(record: Parameters<typeof responseContent>[0], revision: number): Promise<string> {
  return textToSha256(responseContent(record, revision));
}

/** The server's answer to 201 and 200: proof that it holds this revision. */
export const receiptSchema = z.object({
  surveyId: z.string(),
  responseId: z.string(),
  revision: revisionSchema,
  contentHash: sha256HexSchema,
  /** When the server first stored this revision (the same on every retry). */
  receivedAt: isoUtc,
  outcome: z.enum(["created", "identical"]),
  /** False when the server already holds a later revision of the response (this one is kept in the history). */
  current: z.boolean(),
});
export type Receipt = z.infer<typeof receiptSchema>;

/** A response as the server lists it: the record (its latest revision) and when it arrived. */
export const serverResponseSchema = responseRecordSchema.extend({
  revision: revisionSchema,
  contentHash: sha256HexSchema,
  receivedAt: isoUtc,
});
export type ServerResponse = z.infer<typeof serverResponseSchema>;

/** `GET /api/surveys/{id}/responses`: one page, oldest first; `next` is the cursor for the following page. */
export const responsePageSchema = z.object({
  items: z.array(serverResponseSchema),
  next: z.string().nullable(),
  total: z.number().int().min(0),
});
export type ResponsePage = z.infer<typeof responsePageSchema>;

/** `GET /api/surveys/{id}/responses/{responseId}`: the latest revision and the whole history. */
export const responseHistorySchema = z.object({
  current: serverResponseSchema,
  revisions: z.array(
    z.object({
      revision: revisionSchema,
      replaces: revisionSchema.nullable(),
      contentHash: sha256HexSchema,
      receivedAt: isoUtc,
      response: responseRecordSchema.extend({ revision: revisionSchema.optional() }),
    }),
  ),
});
export type ResponseHistory = z.infer<typeof responseHistorySchema>;
