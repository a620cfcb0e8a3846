import { z } from "zod";
import "./zod-config.ts";

const isoUtc = z.iso.datetime({ offset: false });

export const responseStatusSchema = z.enum(["draft", "completed"]);
export type ResponseStatus = z.infer<typeof responseStatusSchema>;

/** One respondent's answers to one survey version, as stored in IndexedDB. */
export const responseRecordSchema = z.object({
  id: z.uuid(),
  surveyId: z.string().min(1),
  surveyVersion: z.number().int().positive(),
  status: responseStatusSchema,
  data: z.record(z.string(), z.unknown()),
  /** Name of the page the respondent was on. */
  currentPage: z.string().nullable(),
  language: z.string().min(2),
  /** 0–100, pages done over pages visible. */
  progress: z.number().min(0).max(100),
  createdAt: isoUtc,
  updatedAt: isoUtc,
  completedAt: isoUtc.nullable(),
});

export type ResponseRecord = z.infer<typeof responseRecordSchema>;
