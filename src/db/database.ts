import Dexie, { type Table, type Transaction } from "dexie";
import type { DesignerDraft, StoredDefinition } from "../schema/definition.ts";
import type { StoredFile } from "../schema/file-ref.ts";
import { derivedRevision } from "../schema/response-rules.ts";
import type { DeviceLink, OutboxEntry } from "../schema/outbox.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { trackBlocking } from "./connection.ts";

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = "survey-studio";

/**
 * Every schema version of the app's IndexedDB database, oldest first.
 * A version is never edited once shipped: add a new one (with an upgrade
 * function and a test that opens the previous version's data) instead.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string>; upgrade?: (tx: Transaction) => Promise<unknown> }> = [
  {
    version: 1,
    stores: {
      responses: "id, surveyId, [surveyId+status], updatedAt",
      settings: "key",
      definitions: "[surveyId+version], surveyId",
      drafts: "surveyId",
    },
  },
  {
    // Responses get a revision (src/schema/response.ts): 1 for those already completed, else 0.
    version: 2,
    stores: {
      responses: "id, surveyId, [surveyId+status], updatedAt",
      settings: "key",
      definitions: "[surveyId+version], surveyId",
      drafts: "surveyId",
    },
    upgrade: (tx) =>
      tx
        .table("responses")
        .toCollection()
        .modify((r: { status?: string; revision?: number }) => {
          r.revision ??= derivedRevision(r.status);
        }),
  },
  {
    // Files given as answers (file questions, signatures), as Blobs; by response for export and deletion.
    version: 3,
    stores: {
      responses: "id, surveyId, [surveyId+status], updatedAt",
      settings: "key",
      definitions: "[surveyId+version], surveyId",
      drafts: "surveyId",
      files: "id, responseId",
    },
  },
  {
    // Delivery to the collection server (src/sync/): the outbox of completed revisions, keyed by
    // (response id, revision), and the collection links this device was opened with, one per survey.
    version: 4,
    stores: {
      responses: "id, surveyId, [surveyId+status], updatedAt",
      settings: "key",
      definitions: "[surveyId+version], surveyId",
      drafts: "surveyId",
      files: "id, responseId",
      outbox: "[responseId+revision], responseId, surveyId, state, receipt.receivedAt",
      links: "surveyId",
    },
  },
];

export class StudioDatabase extends Dexie {
  responses!: Table<ResponseRecord, string>;
  settings!: Table<SettingRow, string>;
  definitions!: Table<StoredDefinition, [string, number]>;
  drafts!: Table<DesignerDraft, string>;
  files!: Table<StoredFile, string>;
  outbox!: Table<OutboxEntry, [string, number]>;
  links!: Table<DeviceLink, string>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const v of SCHEMA_VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

let shared: StudioDatabase | undefined;

/**
 * The app's database (one per page). Live queries do not keep Dexie's optimistic cache: answers
 * are written outside Dexie's transactions (src/db/repository.ts) and announced afterwards, so
 * every live query reads IndexedDB itself.
 */
export function getDatabase(): StudioDatabase {
  if (!shared) {
    shared = new StudioDatabase(DATABASE_NAME, { cache: "disabled" });
    trackBlocking(shared);
  }
  return shared;
}
