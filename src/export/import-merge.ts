/**
 * Merging imported responses into the ones already stored, without ever overwriting silently.
 *
 * - a new id → added;
 * - a known id with the same content → unchanged (the same file imported twice is stored once);
 * - a known id with different content → a conflict, for the analyst to choose; `newer` says which
 *   side has the later `updatedAt`.
 * Records repeated inside the import are compared with their first occurrence the same way.
 */
import type { RejectedRecord } from "../schema/responses-file.ts";
import { canonicalJson } from "../schema/canonical-json.ts";

export { canonicalJson };

export interface MergeableRecord {
  id: string;
  updatedAt: string;
}

export interface ImportConflict<R> {
  existing: R;
  incoming: R;
  newer: "existing" | "incoming" | "same";
  /** Top-level fields and answer keys that differ, e.g. `status`, `data.country`. */
  differences: string[];
}

export interface ImportReport<R> {
  added: R[];
  unchanged: R[];
  conflicts: ImportConflict<R>[];
  rejected: RejectedRecord[];
}

/** Which top-level fields and answers (`data.<key>`) differ between two versions of a record. */
export function recordDifferences(a: object, b: object): string[] {
  const out: string[] = [];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  for (const k of keys) {
    if (k === "data") {
      const da = (ra[k] ?? {}) as Record<string, unknown>;
      const db = (rb[k] ?? {}) as Record<string, unknown>;
      for (const q of [...new Set([...Object.keys(da), ...Object.keys(db)])].sort()) {
        if (canonicalJson(da[q]) !== canonicalJson(db[q])) out.push(`data.${q}`);
      }
    } else if (canonicalJson(ra[k]) !== canonicalJson(rb[k])) out.push(k);
  }
  return out;
}

/**
 * Sorts `incoming` records against `existing` ones (an array or a map by id). Pure: nothing is
 * stored; the caller adds `added`, and shows `conflicts` and `rejected` in the import report.
 * `rejected` from parsing are passed through so the report has them all; `accept` can reject
 * more (e.g. records of a survey version that is not installed) by returning a reason.
 */
export function mergeImport<R extends MergeableRecord>(
  existing: Iterable<R> | ReadonlyMap<string, R>,
  incoming: readonly R[],
  options: { rejected?: readonly RejectedRecord[]; accept?: (record: R, index: number) => string | undefined } = {},
): ImportReport<R> {
  const known = new Map<string, { record: R; json: string | undefined }>();
  const entries = existing instanceof Map ? existing.values() : (existing as Iterable<R>);
  for (const r of entries) known.set(r.id, { record: r, json: undefined });
  const report: ImportReport<R> = { added: [], unchanged: [], conflicts: [], rejected: [...(options.rejected ?? [])] };
  incoming.forEach((record, index) => {
    const reason = options.accept?.(record, index);
    if (reason !== undefined) {
      report.rejected.push({ index, id: record.id, reason, path: `responses[${index}]` });
      return;
    }
    const json = canonicalJson(record);
    const prior = known.get(record.id);
    if (!prior) {
      known.set(record.id, { record, json });
      report.added.push(record);
      return;
    }
    prior.json ??= canonicalJson(prior.record);
    if (prior.json === json) {
      report.unchanged.push(record);
      return;
    }
    const a = Date.parse(prior.record.updatedAt);
    const b = Date.parse(record.updatedAt);
    report.conflicts.push({
      existing: prior.record,
      incoming: record,
      newer: a === b ? "same" : a < b ? "incoming" : "existing",
      differences: recordDifferences(prior.record, record),
    });
  });
  return report;
}
