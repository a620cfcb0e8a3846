import type { DesignerDraft, StoredDefinition } from "../schema/definition.ts";
import { designerDraftSchema, storedDefinitionSchema } from "../schema/definition.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Saved definition versions and the designer's working drafts. */
export function createDefinitionRepository(db: StudioDatabase = getDatabase()) {
  return {
    async get(surveyId: string, version: number): Promise<StoredDefinition | undefined> {
      const row = await db.definitions.get([surveyId, version]);
      return row && storedDefinitionSchema.parse(row);
    },

    async versions(surveyId: string): Promise<StoredDefinition[]> {
      const rows = await db.definitions.where("surveyId").equals(surveyId).toArray();
      return rows.map((r) => storedDefinitionSchema.parse(r)).sort((a, b) => a.version - b.version);
    },

    /** Every saved version of every survey. */
    async all(): Promise<StoredDefinition[]> {
      return (await db.definitions.toArray()).map((d) => storedDefinitionSchema.parse(d));
    },

    /** The newest saved version of every survey. */
    async latest(): Promise<StoredDefinition[]> {
      const all = await db.definitions.toArray();
      const best = new Map<string, StoredDefinition>();
      for (const d of all) {
        const cur = best.get(d.surveyId);
        if (!cur || d.version > cur.version) best.set(d.surveyId, d);
      }
      return [...best.values()].map((d) => storedDefinitionSchema.parse(d));
    },

    /**
     * Stores a version. A version is immutable: saving the same text again is a no-op,
     * saving different text under an existing version is refused.
     */
    async save(input: Omit<StoredDefinition, "hash" | "savedAt">, now: Date = new Date()): Promise<StoredDefinition> {
      const hash = await sha256Hex(input.text);
      return db.transaction("rw", db.definitions, async () => {
        const existing = await db.definitions.get([input.surveyId, input.version]);
        if (existing) {
          if (existing.hash === hash) return existing;
          throw new Error(`${input.surveyId} version ${input.version} is already saved with different content; save it as a new version`);
        }
        const row: StoredDefinition = { ...input, hash, savedAt: now.toISOString() };
        await db.definitions.add(row);
        return row;
      });
    },

    async getDraft(surveyId: string): Promise<DesignerDraft | undefined> {
      const row = await db.drafts.get(surveyId);
      return row && designerDraftSchema.parse(row);
    },
    async putDraft(draft: DesignerDraft): Promise<void> {
      await db.drafts.put(draft);
    },
    async deleteDraft(surveyId: string): Promise<void> {
      await db.drafts.delete(surveyId);
    },
    async listDrafts(): Promise<DesignerDraft[]> {
      return (await db.drafts.toArray()).map((d) => designerDraftSchema.parse(d));
    },
  };
}

export type DefinitionRepository = ReturnType<typeof createDefinitionRepository>;
