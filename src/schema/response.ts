import { z } from "zod";
import { derivedRevision } from "./response-rules.ts";
import "./zod-config.ts";

const isoUtc = z.iso.datetime({ offset: false });

export const responseStatusSchema = z.enum(["draft", "completed"]);
export type ResponseStatus = z.infer<typeof responseStatusSchema>;

/** One respondent's answers to one survey version, as stored in IndexedDB and in responses files. */
export const responseRecordSchema = z.object({
  id: z.uuid(),
  surveyId: z.string().min(1),
  surveyVersion: z.number().int().positive(),
  status: responseStatusSchema,
  /**
   * How many times this response was completed on a device: 0 until it is first completed, one
   * more each time it is completed again after a reopen; reopening keeps it. With `id` it names
   * one completed state of a response (what a server receives).
   */
  revision: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
  /** Name of the page the respondent was on. */
  currentPage: z.string().nullable(),
  language: z.string().min(2),
  /** 0–100, see `responseProgress` (src/responses/progress.ts): pages reached of the pages visible; 100 once completed. */
  progress: z.number().min(0).max(100),
  createdAt: isoUtc,
  updatedAt: isoUtc,
  completedAt: isoUtc.nullable(),
});

export type ResponseRecord = z.infer<typeof responseRecordSchema>;

/**
 * A response record read from outside (a responses file, a CSV this app exported, the database):
 * one written before revisions existed gets the revision its status implies.
 */
export const responseRecordInputSchema = z.preprocess((input) => {
  if (typeof input !== "object" || input === null || Array.isArray(input) || "revision" in input) return input;
  return { ...input, revision: derivedRevision((input as { status?: unknown }).status) };
}, responseRecordSchema);
