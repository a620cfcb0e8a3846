import { getDatabase, type StudioDatabase } from "./database.ts";

/** The `settings` table: small values by key (the storage mark of src/device/storage-loss.ts). */
export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export function createSettingsStore(db: StudioDatabase = getDatabase()): SettingsStore {
  return {
    get: async <T,>(key: string) => (await db.settings.get(key))?.value as T | undefined,
    set: async (key, value) => {
      await db.settings.put({ key, value });
    },
  };
}
