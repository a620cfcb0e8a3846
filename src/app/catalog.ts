import files from "virtual:survey-files";
import { sourcesToCatalog, type CatalogEntry } from "../survey/catalog.ts";

let cached: CatalogEntry[] | undefined;

/** The shipped surveys, checked once per page load. */
export function surveyCatalog(): CatalogEntry[] {
  cached ??= sourcesToCatalog(files);
  return cached;
}
