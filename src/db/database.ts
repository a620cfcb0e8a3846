import Dexie, { type Table } from "dexie";
import type { DesignerDraft, StoredDefinition } from "../schema/definition.ts";
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
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      responses: "id, surveyId, [surveyId+status], updatedAt",
      settings: "key",
      definitions: "[surveyId+version], surveyId",
      drafts: "surveyId",
    },
  },
];

export class StudioDatabase extends Dexie {
  responses!: Table<ResponseRecord, string>;
  settings!: Table<SettingRow, string>;
  definitions!: Table<StoredDefinition, [string, number]>;
  drafts!: Table<DesignerDraft, string>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const v of SCHEMA_VERSIONS) this.version(v.version).stores(v.stores);
  }
}

let shared: StudioDatabase | undefined;

/** The app's database (one per page). */
export function getDatabase(): StudioDatabase {
  if (!shared) {
    shared = new StudioDatabase();
    trackBlocking(shared);
  }
  return shared;
}
