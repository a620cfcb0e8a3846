/**
 * The import as a job: what the import worker runs (import-worker.ts), written against a small
 * store interface so that it runs and is tested in Node too.
 *
 * Files are read piece by piece (a responses file with createResponsesFileReader, a CSV with
 * papaparse), records are checked and stored in batches, so any number of records the device can
 * hold can be imported and the page never waits. Nothing stored is ever overwritten: a record
 * whose id is stored with other content is a conflict for the analyst to settle (`settle`).
 * Everything not imported is reported, record by record and column by column, with why:
 *
 * - a record that is not valid (schema, JSON, nested too deep, completed without a time);
 * - a record of another installed survey (import it from that survey's page), of a survey or a
 *   survey version not installed here;
 * - the same id twice in the import with different content: no copy is imported;
 * - CSV columns the survey does not have, repeats exported as separate files, file names, values
 *   that are not codes.
 *
 * A file that cannot be read as a whole (not JSON, not this app's format, a CSV without its
 * columns, cut short) is refused: what was stored from it is removed again. `cancel()` stops the
 * job and removes everything it stored.
 */
import Papa from "papaparse";
import { createResponsesFileReader, type RejectedRecord } from "../schema/responses-file.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { createCsvRecordReader, type ColumnNotRestored } from "./csv-import.ts";
import { csvRows, CsvFileError, rowLines } from "./csv-reader.ts";
import { needsNeutralizing } from "./csv-writer.ts";
import { yieldToEventLoop } from "./export-job.ts";
import { canonicalJson, recordDifferences } from "./import-merge.ts";
import type { ExportDefinition } from "./types.ts";

export interface ImportSource {
  name: string;
  data: Blob | string;
}

export interface InstalledSurvey {
  surveyId: string;
  /** The title to name the survey by in the report. */
  title: string;
  versions: readonly number[];
}

export interface ImportContext {
  /** The survey whose data page imports: only its records are imported. */
  surveyId: string;
  /** Every installed version of that survey (to read CSV columns). */
  definitions: readonly ExportDefinition[];
  /** Every survey installed on the device. */
  surveys: readonly InstalledSurvey[];
}

/** Where the job keeps records (IndexedDB in the worker: src/db/import-store.ts). */
export interface ImportStore {
  get(ids: readonly string[]): Promise<(ResponseRecord | undefined)[]>;
  /** Adds new records (none of their ids is stored). */
  add(records: readonly ResponseRecord[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  put(records: readonly ResponseRecord[]): Promise<void>;
}

/** Why a record was not imported (the UI words each; `reason` says it in English). */
export type NotImportedCode =
  | "invalid"
  | "not-json"
  | "too-deep"
  | "missing-completed-at"
  | "other-survey"
  | "unknown-survey"
  | "unknown-version"
  | "duplicate";

export interface NotImported {
  file: string;
  /** `responses[3]` or `line 12`. */
  where: string;
  line?: number;
  id?: string;
  code: NotImportedCode;
  /** Values for the UI's wording (survey title, version, the other copy's place…). */
  params: Record<string, string | number>;
  reason: string;
}

export type ColumnCode = ColumnNotRestored["code"];

export interface ColumnNotImported {
  file: string;
  column: string;
  code: ColumnCode;
  /** Cells concerned (values that are not codes). */
  count?: number;
  reason: string;
}

export interface ConflictSummary {
  id: string;
  file: string;
  where: string;
  /** Which copy was changed last. */
  newer: "existing" | "incoming" | "same";
  /** Fields and answers that differ, e.g. `status`, `data.country`. */
  differences: string[];
}

export interface ImportProgress {
  /** The file being read (0-based) and how many there are. */
  file: number;
  files: number;
  fileName: string;
  /** Share of all the files' bytes read, 0–1. */
  fraction: number;
  /** Records read so far, and stored so far. */
  records: number;
  added: number;
}

export interface ImportSummary {
  added: number;
  /** Already stored with the same content. */
  unchanged: number;
  /** Copies of a record met earlier in the import, with the same content (stored once). */
  repeated: number;
  conflicts: number;
  notImported: number;
  columns: ColumnNotImported[];
  /** Files refused as a whole, with why. */
  fileProblems: { file: string; message: string }[];
  cancelled: boolean;
}

export interface ImportCallbacks {
  onProgress?: (p: ImportProgress) => void;
  /** Called in pieces once the job ends (never with records of a refused file). */
  onNotImported?: (items: NotImported[]) => void;
  onConflicts?: (items: ConflictSummary[]) => void;
}

/** Records per store batch: one IndexedDB transaction of this many records takes well under a second. */
export const IMPORT_BATCH = 2000;
/** Report items per message to the page. */
const REPORT_PIECE = 1000;
const READ_CHUNK_BYTES = 1 << 20;

interface Seen {
  /** Index of the file in the run, and its name. */
  fileIndex: number;
  file: string;
  where: string;
  line?: number;
  state: "added" | "unchanged" | "conflict" | "rejected";
}

interface Candidate {
  record: ResponseRecord;
  where: string;
  line?: number;
}

class Cancelled extends Error {}
class FileRefused extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join("; "));
  }
}

/** How the English reason of a rejected record maps to a code the UI words. */
function codeOf(r: RejectedRecord): NotImportedCode {
  if (r.code === "too-deep" || r.code === "not-json" || r.code === "missing-completed-at") return r.code;
  return "invalid";
}

function duplicateReason(other: string): string {
  return `the import holds this response more than once with different content (also at ${other}): no copy is imported`;
}

/** What one file did; it counts only once the whole file could be read. */
interface FileOutcome {
  added: string[];
  unchanged: number;
  repeated: number;
  notImported: NotImported[];
  conflicts: string[];
  seen: Map<string, Seen>;
  /** First copies in earlier files to withdraw once this file is accepted. */
  withdraw: { first: Seen; id: string; later: string }[];
}

/**
 * Creates an import job. `run` reads the files in order; `settle` then writes the analyst's
 * choice for conflicts; `cancel` stops a run and removes what it stored.
 */
export function createImportJob(context: ImportContext, store: ImportStore, callbacks: ImportCallbacks = {}) {
  const surveys = new Map(context.surveys.map((s) => [s.surveyId, s]));
  const targetVersions = new Set([...(surveys.get(context.surveyId)?.versions ?? []), ...context.definitions.map((d) => d.version)]);

  /** Every record met in the files accepted so far, by id. */
  const seen = new Map<string, Seen>();
  /** Conflicts waiting for the analyst: the imported copy by id. */
  const pending = new Map<string, { incoming: ResponseRecord; summary: ConflictSummary }>();
  const notImported: NotImported[] = [];
  const totals = { added: 0, unchanged: 0, repeated: 0 };
  /** Ids the run added from accepted files (removed again on cancel). */
  const addedByRun: string[] = [];
  let cancelled = false;
  let running = false;
  let lastColumns: ColumnNotImported[] = [];

  /** Why a record (valid in itself) is not for this survey or version; undefined when it is. */
  const refuse = (surveyId: string, version?: number): Pick<NotImported, "code" | "params" | "reason"> | undefined => {
    if (surveyId !== context.surveyId) {
      const other = surveys.get(surveyId);
      if (other) {
        return {
          code: "other-survey",
          params: { survey: other.title, surveyId: other.surveyId },
          reason: `this response belongs to another survey on this device, "${other.title}" (${other.surveyId}): import the file from that survey's page`,
        };
      }
      return { code: "unknown-survey", params: { surveyId }, reason: `the survey "${surveyId}" is not installed on this device` };
    }
    if (version !== undefined && !targetVersions.has(version)) {
      const installed = [...targetVersions].sort((x, y) => x - y).join(", ");
      return {
        code: "unknown-version",
        params: { version, installed },
        reason: `version ${version} of this survey is not installed on this device (installed: ${installed || "none"}), so its questions are unknown here`,
      };
    }
    return undefined;
  };

  /** The first copy of a record met again with other content is not imported either. */
  const withdraw = async (first: Seen, id: string, later: string, current: { index: number; outcome: FileOutcome }) => {
    const here = first.fileIndex === current.index;
    if (first.state === "added") {
      await store.remove([id]);
      if (here) removeFrom(current.outcome.added, id);
      else {
        removeFrom(addedByRun, id);
        totals.added--;
      }
    } else if (first.state === "conflict") {
      pending.delete(id);
      if (here) removeFrom(current.outcome.conflicts, id);
    } else if (first.state === "unchanged") {
      if (here) current.outcome.unchanged--;
      else totals.unchanged--;
    }
    const item: NotImported = { file: first.file, where: first.where, ...(first.line !== undefined ? { line: first.line } : {}), id, code: "duplicate", params: { other: later }, reason: duplicateReason(later) };
    if (here) current.outcome.notImported.push(item);
    else notImported.push(item);
    first.state = "rejected";
  };

  async function run(sources: readonly ImportSource[]): Promise<ImportSummary> {
    if (running) throw new Error("an import is already running");
    running = true;
    cancelled = false;
    const totalBytes = sources.reduce((n, src) => n + sizeOf(src.data), 0) || 1;
    let bytesBefore = 0;
    let records = 0;
    let lastProgress = 0;
    const columns: ColumnNotImported[] = [];
    const fileProblems: ImportSummary["fileProblems"] = [];

    try {
      for (let f = 0; f < sources.length; f++) {
        const source = sources[f]!;
        const file = source.name;
        const mine: FileOutcome = { added: [], unchanged: 0, repeated: 0, notImported: [], conflicts: [], seen: new Map(), withdraw: [] };
        const current = { index: f, outcome: mine };
        const lookup = (id: string) => mine.seen.get(id) ?? seen.get(id);
        const progress = (fileBytes: number, force = false) => {
          const now = Date.now();
          if (!force && now - lastProgress < 100) return;
          lastProgress = now;
          callbacks.onProgress?.({ file: f, files: sources.length, fileName: file, fraction: Math.min(1, (bytesBefore + fileBytes) / totalBytes), records, added: totals.added + mine.added.length });
        };
        const reject = (item: Omit<NotImported, "file">) => mine.notImported.push({ file, ...item });
        const at = (c: Candidate) => (c.line !== undefined ? { line: c.line } : {});

        /** Stores one batch of valid records, in order. */
        const storeBatch = async (batch: Candidate[]) => {
          if (cancelled) throw new Cancelled();
          if (batch.length === 0) return;
          const fresh: Candidate[] = [];
          const again: Candidate[] = [];
          const inBatch = new Set<string>();
          for (const c of batch) {
            const why = refuse(c.record.surveyId, c.record.surveyVersion);
            if (why) reject({ where: c.where, ...at(c), id: c.record.id, ...why });
            else if (lookup(c.record.id) || inBatch.has(c.record.id)) again.push(c);
            else {
              inBatch.add(c.record.id);
              fresh.push(c);
            }
          }
          const stored = await store.get(fresh.map((c) => c.record.id));
          const toAdd: ResponseRecord[] = [];
          fresh.forEach((c, i) => {
            const existing = stored[i];
            const r = c.record;
            const mark = (state: Seen["state"]) => mine.seen.set(r.id, { fileIndex: f, file, where: c.where, ...at(c), state });
            if (!existing) {
              toAdd.push(r);
              mark("added");
            } else if (canonicalJson(existing) === canonicalJson(r)) {
              mine.unchanged++;
              mark("unchanged");
            } else {
              const a = Date.parse(existing.updatedAt);
              const b = Date.parse(r.updatedAt);
              const summary: ConflictSummary = { id: r.id, file, where: c.where, newer: a === b ? "same" : a < b ? "incoming" : "existing", differences: recordDifferences(existing, r) };
              pending.set(r.id, { incoming: r, summary });
              mine.conflicts.push(r.id);
              mark("conflict");
            }
          });
          if (toAdd.length > 0) {
            await store.add(toAdd);
            for (const r of toAdd) mine.added.push(r.id);
          }
          // Copies of records met earlier in the import: the same content is stored once; other content, no copy at all.
          for (const c of again) {
            const first = lookup(c.record.id)!;
            const firstCopy = first.state === "conflict" ? pending.get(c.record.id)?.incoming : first.state === "rejected" ? undefined : (await store.get([c.record.id]))[0];
            if (firstCopy && canonicalJson(firstCopy) === canonicalJson(c.record)) {
              mine.repeated++;
              continue;
            }
            const here = first.fileIndex === f;
            const other = `${here ? "" : `${first.file}: `}${first.where}`;
            reject({ where: c.where, ...at(c), id: c.record.id, code: "duplicate", params: { other }, reason: duplicateReason(other) });
            if (first.state === "rejected") continue;
            if (here) await withdraw(first, c.record.id, c.where, current);
            else if (!mine.withdraw.some((w) => w.id === c.record.id)) mine.withdraw.push({ first, id: c.record.id, later: `${file}: ${c.where}` });
          }
        };

        try {
          if (isCsv(source)) await readCsv(source, file, storeBatch, reject, (c) => appendAll(columns, c), progress, () => records++);
          else await readResponsesFile(source, file, storeBatch, reject, progress, () => records++);
          // The whole file was read: its outcome counts. (Lists are appended item by item: a spread
          // of 150,000 arguments overflows the call stack.)
          for (const w of mine.withdraw) await withdraw(w.first, w.id, w.later, current);
          appendAll(addedByRun, mine.added);
          // In the order of the file.
          appendAll(notImported, mine.notImported.sort((x, y) => (x.line ?? 0) - (y.line ?? 0)));
          for (const [id, st] of mine.seen) seen.set(id, st);
          totals.added += mine.added.length;
          totals.unchanged += mine.unchanged;
          totals.repeated += mine.repeated;
        } catch (e) {
          // Refused as a whole, or cancelled: what this file stored is removed again.
          if (mine.added.length > 0) await store.remove(mine.added);
          for (const id of mine.conflicts) pending.delete(id);
          if (e instanceof Cancelled) throw e;
          fileProblems.push({ file, message: e instanceof FileRefused ? e.message : e instanceof CsvFileError ? e.problems.map((p) => p.message).join("; ") : describe(e) });
          for (let i = columns.length - 1; i >= 0; i--) if (columns[i]!.file === file) columns.splice(i, 1);
        }
        bytesBefore += sizeOf(source.data);
        progress(0, true);
      }
    } catch (e) {
      running = false;
      if (!(e instanceof Cancelled)) throw e;
      if (addedByRun.length > 0) await store.remove(addedByRun);
      addedByRun.length = 0;
      pending.clear();
      return { added: 0, unchanged: 0, repeated: 0, conflicts: 0, notImported: 0, columns: [], fileProblems: [], cancelled: true };
    }
    running = false;
    lastColumns = columns;
    const conflicts = [...pending.values()].map((p) => p.summary);
    for (let i = 0; i < notImported.length; i += REPORT_PIECE) callbacks.onNotImported?.(notImported.slice(i, i + REPORT_PIECE));
    for (let i = 0; i < conflicts.length; i += REPORT_PIECE) callbacks.onConflicts?.(conflicts.slice(i, i + REPORT_PIECE));
    return { ...totals, conflicts: conflicts.length, notImported: notImported.length, columns, fileProblems, cancelled: false };
  }

  return {
    run,
    /** Stops a running import after the batch in hand; everything it stored is removed. */
    cancel() {
      cancelled = true;
    },
    /**
     * The analyst's choice for conflicts: "imported" writes the imported copies, "stored" keeps the
     * stored ones. Returns the ids settled.
     */
    async settle(ids: readonly string[], keep: "imported" | "stored"): Promise<string[]> {
      const chosen = ids.filter((id) => pending.has(id));
      if (keep === "imported") {
        for (let i = 0; i < chosen.length; i += IMPORT_BATCH) {
          await store.put(chosen.slice(i, i + IMPORT_BATCH).map((id) => pending.get(id)!.incoming));
        }
      }
      for (const id of chosen) pending.delete(id);
      return chosen;
    },
    /** Conflicts not settled yet. */
    pendingConflicts: (): ConflictSummary[] => [...pending.values()].map((p) => p.summary),
    /** Everything not imported by the last run, and the columns, as the report to download. */
    reportCsv: (): string => notImportedToCsv(notImported, lastColumns),
  };

  // ---------- readers ----------

  async function readResponsesFile(
    source: ImportSource,
    file: string,
    storeBatch: (batch: Candidate[]) => Promise<void>,
    reject: (item: Omit<NotImported, "file">) => void,
    progress: (bytes: number) => void,
    counted: () => void,
  ) {
    const reader = createResponsesFileReader(file);
    let batch: Candidate[] = [];
    /** Records read before the envelope could be checked (`format` after `responses`): held to the end. */
    const held: Candidate[] = [];
    for await (const { text, bytes } of textChunks(source.data)) {
      if (cancelled) throw new Cancelled();
      for (const item of reader.push(text)) {
        counted();
        if (!item.ok) {
          const r = item.rejected;
          reject({ where: r.path, line: item.line, ...(r.id !== undefined ? { id: r.id } : {}), code: codeOf(r), params: { detail: r.reason }, reason: r.reason });
        } else (reader.envelopeChecked() ? batch : held).push({ record: item.record, where: `responses[${item.index}]`, line: item.line });
        if (batch.length >= IMPORT_BATCH) {
          const b = batch;
          batch = [];
          await storeBatch(b);
        }
      }
      progress(bytes);
    }
    const end = reader.end();
    if (!end.ok) throw new FileRefused(end.problems.map((p) => `${p.path ? `${p.path}: ` : ""}${p.message}${p.line ? ` (line ${p.line})` : ""}`));
    for (let i = 0; i < held.length; i += IMPORT_BATCH) await storeBatch(held.slice(i, i + IMPORT_BATCH));
    await storeBatch(batch);
  }

  async function readCsv(
    source: ImportSource,
    file: string,
    storeBatch: (batch: Candidate[]) => Promise<void>,
    reject: (item: Omit<NotImported, "file">) => void,
    addColumns: (c: ColumnNotImported[]) => void,
    progress: (bytes: number) => void,
    counted: () => void,
  ) {
    const csv = createCsvRecordReader(file, context.definitions, { otherSurvey: (id) => refuse(id)?.reason ?? `the survey "${id}" is not installed` });
    let headerDone = false;
    let line = 1;
    let batch: Candidate[] = [];
    const size = sizeOf(source.data);
    const textLength = typeof source.data === "string" ? source.data.length || 1 : size || 1;
    await csvRows(
      source.data,
      async (rows, where) => {
        if (cancelled) throw new Cancelled();
        for (const row of rows) {
          const start = line;
          line += rowLines(row);
          if (!headerDone) {
            headerDone = true;
            const h = csv.header(row);
            if (!h.ok) throw new FileRefused(h.problems.map((p) => p.message));
            continue;
          }
          const r = csv.row(row, start);
          if (!r) continue;
          counted();
          if (r.ok) batch.push({ record: r.record, where: `line ${start}`, line: start });
          else {
            const rj = r.rejected;
            const why = r.surveyId !== undefined ? refuse(r.surveyId) : undefined;
            reject({ where: rj.path, line: start, ...(rj.id ? { id: rj.id } : {}), ...(why ?? { code: codeOf(rj), params: { detail: rj.reason }, reason: rj.reason }) });
          }
        }
        if (batch.length >= IMPORT_BATCH) {
          const b = batch;
          batch = [];
          await storeBatch(b);
        }
        progress(Math.round((where.chars / textLength) * size));
      },
      { chunkBytes: READ_CHUNK_BYTES },
    );
    if (!headerDone) throw new FileRefused(["the file is empty"]);
    await storeBatch(batch);
    addColumns(csv.notRestored().map((c) => ({ file, column: c.column, code: c.code, ...(c.count !== undefined ? { count: c.count } : {}), reason: c.reason })));
  }
}

export type ImportJob = ReturnType<typeof createImportJob>;

/**
 * The full report of what was not imported, as CSV text (a BOM for Excel; a cell a spreadsheet
 * would run as a formula gets a leading apostrophe, as in the exports).
 */
export function notImportedToCsv(items: readonly NotImported[], columns: readonly ColumnNotImported[] = []): string {
  const safe = (v: string | number | undefined) => {
    const s = v === undefined ? "" : String(v);
    return needsNeutralizing(s) ? `'${s}` : s;
  };
  const rows: (string | number | undefined)[][] = [
    ...items.map((n) => [n.file, n.where, n.line, n.id, "record", n.code, n.reason]),
    ...columns.map((c) => [c.file, c.column, undefined, undefined, "column", c.code, c.count !== undefined ? `${c.reason} (${c.count})` : c.reason]),
  ];
  return `\uFEFF${Papa.unparse({ fields: ["file", "where", "line", "id", "kind", "code", "reason"], data: rows.map((r) => r.map(safe)) }, { newline: "\r\n" })}\r\n`;
}

function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function removeFrom(list: string[], id: string): boolean {
  const i = list.lastIndexOf(id);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

function isCsv(source: ImportSource): boolean {
  if (/\.csv$/i.test(source.name)) return true;
  if (/\.json$/i.test(source.name)) return false;
  const type = typeof source.data === "string" ? "" : source.data.type;
  return /csv/i.test(type);
}

function sizeOf(data: Blob | string): number {
  return typeof data === "string" ? data.length : data.size;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The text of a Blob (decoded as UTF-8 as it streams) or of a string, in pieces of at most
 * READ_CHUNK_BYTES characters, with the bytes read so far; the event loop gets a turn between
 * pieces (a "cancel" can arrive even when the browser hands over the whole file at once).
 */
async function* textChunks(data: Blob | string): AsyncGenerator<{ text: string; bytes: number }> {
  const pieces = function* (text: string, bytesBefore: number, bytesAfter: number) {
    for (let i = 0; i < text.length; i += READ_CHUNK_BYTES) {
      const end = Math.min(text.length, i + READ_CHUNK_BYTES);
      yield { text: text.slice(i, end), bytes: Math.round(bytesBefore + ((bytesAfter - bytesBefore) * end) / text.length) };
    }
  };
  if (typeof data === "string") {
    for (const p of pieces(data, 0, data.length)) {
      yield p;
      await yieldToEventLoop();
    }
    return;
  }
  const decoder = new TextDecoder("utf-8");
  const reader = data.stream().getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const before = bytes;
      bytes += value.byteLength;
      for (const p of pieces(decoder.decode(value, { stream: true }), before, bytes)) {
        yield p;
        await yieldToEventLoop();
      }
    }
    const rest = decoder.decode();
    if (rest) yield { text: rest, bytes };
  } finally {
    reader.releaseLock();
  }
}
