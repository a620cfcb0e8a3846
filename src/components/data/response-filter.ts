import type { ResponseMeta } from "../../db/response-meta.ts";

export interface MetaFilter {
  status: "" | ResponseMeta["status"];
  version: string;
  language: string;
  from: string;
  to: string;
}

/** Pure: the rows that pass the analyst's filters (dates compare on the UTC day of the last change). */
export function filterMeta(rows: readonly ResponseMeta[], f: MetaFilter): ResponseMeta[] {
  return rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!f.version || String(r.surveyVersion) === f.version) &&
      (!f.language || r.language === f.language) &&
      (!f.from || r.updatedAt.slice(0, 10) >= f.from) &&
      (!f.to || r.updatedAt.slice(0, 10) <= f.to),
  );
}
