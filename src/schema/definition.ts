import { z } from "zod";
import "./zod-config.ts";

const isoUtc = z.iso.datetime({ offset: false });

/** A saved version of a survey definition. Versions are immutable once saved. */
export const storedDefinitionSchema = z.object({
  surveyId: z.string().min(1),
  version: z.number().int().positive(),
  /** The survey file's JSON text exactly as saved (envelope included). */
  text: z.string(),
  /** SHA-256 of `text`, hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  savedAt: isoUtc,
  /** Where it came from: a file in surveys/, the designer, an import, or a collection server (src/sync/collect.ts). */
  origin: z.enum(["shipped", "designer", "import", "server"]),
});
export type StoredDefinition = z.infer<typeof storedDefinitionSchema>;

/** The designer's working text for one survey, saved as it is typed (valid JSON or not). */
export const designerDraftSchema = z.object({
  surveyId: z.string().min(1),
  text: z.string(),
  /** The saved version the draft started from; null for a new survey. */
  baseVersion: z.number().int().positive().nullable(),
  updatedAt: isoUtc,
});
export type DesignerDraft = z.infer<typeof designerDraftSchema>;
