import files from "virtual:survey-files";
import { sourcesToCatalog, type CatalogEntry } from "../survey/catalog.ts";

let cached: CatalogEntry[] | undefined;

/** The shipped surveys, checked once per page load. */
export function surveyCatalog(): CatalogEntry[] {
  cached ??= sourcesToCatalog(files);
  return cached;
}

export function findSurvey(id: string) {
  return surveyCatalog().find((e): e is Extract<CatalogEntry, { ok: true }> => e.ok && e.file.id === id);
}
