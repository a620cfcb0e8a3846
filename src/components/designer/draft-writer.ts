import type { DefinitionRepository } from "../../db/definitions.ts";
import { createJournal, isWriterLive, markWriterLive, parseJournalJson } from "../../responses/journal.ts";
import { TAB_ID } from "../../responses/tab-channel.ts";
import { createWriteBehind, type WriteBehind } from "../../responses/write-behind.ts";
import { designerDraftSchema, type DesignerDraft } from "../../schema/definition.ts";

/** The designer's drafts not yet in IndexedDB, in localStorage (see src/responses/journal.ts). */
const DRAFTS_PREFIX = "survey-studio.unsaved-draft.";

let writers = 0;

/**
 * Saves the designer's text as a draft as it is typed, through the same write-behind as
 * responses: one write at a time with the newest text, retried when it fails, journalled in the
 * keystroke's task (a crash loses nothing), waited on by the update prompt.
 */
export function createDraftWriter(repo: DefinitionRepository, surveyId: string, storage: Storage | undefined = globalThis.localStorage): WriteBehind<DesignerDraft> & { close(): void } {
  const writer = `${TAB_ID}.d${++writers}`;
  const unmark = markWriterLive(writer);
  const journal = createJournal(DRAFTS_PREFIX, storage);
  const queue = createWriteBehind<DesignerDraft>({
    write: (draft) => repo.putDraft(draft),
    // A draft is the whole text: the newer one replaces the older.
    merge: (_older, newer) => newer,
    journal: { write: (draft) => journal.write(surveyId, writer, { writer, draft }), clear: () => journal.clear(surveyId, writer) },
  });
  return {
    ...queue,
    close() {
      queue.dispose();
      unmark();
    },
  };
}

/**
 * Stores the drafts that closed or crashed tabs left in the journal (when newer than the stored
 * draft) and removes those entries. A draft that cannot be stored now stays in the journal.
 */
export async function recoverDraftJournal(repo: DefinitionRepository, storage: Storage | undefined = globalThis.localStorage): Promise<void> {
  const journal = createJournal(DRAFTS_PREFIX, storage);
  for (const slot of journal.list()) {
    const body = parseJournalJson(slot.raw) as { writer?: unknown; draft?: unknown } | undefined;
    const parsed = designerDraftSchema.safeParse(body?.draft);
    if (!parsed.success) {
      journal.removeIfUnchanged(slot);
      continue;
    }
    if (typeof body?.writer === "string" && isWriterLive(body.writer)) continue;
    try {
      const stored = await repo.getDraft(parsed.data.surveyId);
      if (!stored || stored.updatedAt <= parsed.data.updatedAt) await repo.putDraft(parsed.data);
      journal.removeIfUnchanged(slot);
    } catch {
      // Storage refuses it now: it stays in the journal for the next start.
    }
  }
}
