/**
 * createCsvExport: a plan → files whose CSV is produced in chunks (generators), so a worker can
 * turn them into Blob parts and report progress, and Node can stream them to disk.
 *
 * Memory: `bytes()` writes every cell straight into one reused UTF-8 buffer (CsvByteWriter), with
 * no string per row or per chunk and no array per row, so an export allocates little more than
 * what the getters return; 100,000 capacity responses (94 MB of CSV) add about 3 MB to the
 * worker's peak heap (bench case 4). `chunks()` decodes the same bytes for text consumers.
 */
import { columnTitle, compileColumn, METADATA_COLUMNS, repeatRows, type Cell, type TablePlan } from "./columns.ts";
import { codebookRows } from "./codebook.ts";
import { ColumnStats, type DateKind } from "./column-stats.ts";
import { CsvByteWriter, CsvEncoder } from "./csv-writer.ts";
import { isExported, planExport, type ExportInput, type ExportPlan } from "./plan.ts";
import { textIn } from "../definition/text.ts";
import { METADATA_TEXT } from "./text.ts";
import { DELIMITER_CHARS, type ExportOptions, type ExportRecord, type ExportWarning } from "./types.ts";

export interface ExportFile {
  /** File name, e.g. `unct-migration-capacity.csv`, `…-initiatives.csv`, `…-codebook.csv`. */
  name: string;
  kind: "responses" | "repeat" | "codebook";
  /** The header row as written. */
  header: string[];
  /** Data rows as cell arrays (not encoded). Each call starts again. */
  rows(): Generator<Cell[]>;
  /**
   * The whole file as UTF-8 bytes: BOM (if on), header, rows, in chunks of at least
   * `chunkBytes` (default 64 KiB; the last may be shorter). The cells are written straight into
   * one buffer that is reused: each chunk is a view that is valid until the next is asked for,
   * so copy it (a Blob or a file write does) first. Each call starts again.
   */
  bytes(chunkBytes?: number): Generator<Uint8Array<ArrayBuffer>>;
  /** The same file as text chunks (`bytes()` decoded). Each call starts again. */
  chunks(): Generator<string>;
  /**
   * What the cells of each column were (widths, text or numbers, dates): measured while the last
   * complete `bytes()` run wrote them, else computed from `rows()`. Data files only (the label
   * scripts use it); the codebook's is empty.
   */
  stats(): ColumnStats;
  /** Which columns hold dates (`YYYY-MM-DD` answers) or UTC date-times (the metadata), by position. */
  dateKinds: readonly (DateKind | undefined)[];
  /**
   * The same bytes as `bytes()`, for records given in batches rather than held in the plan (a plan
   * from `planExportFromSource`): `write(batch)` and then `end()` yield the chunks (views into one
   * reused buffer, as with `bytes()`). Records the plan leaves out (drafts, other surveys) are skipped.
   */
  stream(chunkBytes?: number): FileStream;
}

/** See `ExportFile.stream`. */
export interface FileStream {
  write(records: Iterable<ExportRecord>): Generator<Uint8Array<ArrayBuffer>>;
  end(): Generator<Uint8Array<ArrayBuffer>>;
}

export interface ExportSummary {
  surveyId: string;
  /** Rows in the main file (one per response). */
  responses: number;
  skippedDrafts: number;
  /** Definition versions that shaped the columns, newest first. */
  versions: number[];
  /** Columns of the main file. */
  columns: number;
  files: string[];
  /** Text cells given a leading apostrophe so that no spreadsheet runs them (final once every chunk is written). */
  neutralizedCells: number;
  /** Cells longer than Excel's 32,767 characters (Excel cuts them). */
  longCells: number;
  warnings: ExportWarning[];
  /** With the option `files`: files given as answers put in the ZIP, and those no longer on this device. */
  attachments?: { included: number; missing: number };
}

export interface CsvExport {
  plan: ExportPlan;
  files: ExportFile[];
  summary: ExportSummary;
  /** Rows written so far over all tables, and the number of responses × tables. */
  progress: { done: number; total: number };
  /** Name for the ZIP of all files, e.g. `unct-migration-capacity.zip`. */
  archiveName: string;
}

const CHUNK_BYTES = 1 << 16;
const BOM = "\uFEFF";

/** UTF-8 chunks → text chunks (a character split between chunks is kept whole; the BOM is kept). */
function* decodeChunks(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for (const bytes of chunks) yield decoder.decode(bytes, { stream: true });
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

/** Stored timestamps are ISO UTC already; anything else is converted when it parses. */
function isoUtc(s: string | null): string | undefined {
  if (s === null || s === "") return undefined;
  if (s.endsWith("Z")) return s;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? s : new Date(ms).toISOString();
}

/** Writes one cell and notes what it was in the column's statistics. */
function put(w: CsvByteWriter, st: ColumnStats, i: number, v: Cell): void {
  const at = w.length;
  const breaks = w.lineBreaks;
  w.cell(v);
  st.observe(i, v, w.length - at, w.lineBreaks !== breaks);
}

export function createCsvExport(input: ExportInput, options?: Partial<ExportOptions>): CsvExport {
  return planToCsvExport(planExport(input, options));
}

export function planToCsvExport(plan: ExportPlan): CsvExport {
  const opts = plan.options;
  const encoder = new CsvEncoder({
    delimiter: DELIMITER_CHARS[opts.delimiter],
    lineEnding: opts.lineEnding === "lf" ? "\n" : "\r\n",
    neutralize: opts.neutralize,
    decimalMark: opts.decimalMark,
  });
  const extract = { labels: opts.values === "labels", language: opts.language, defaultLanguage: plan.defaultLanguage };
  const records = plan.records;
  const progress = { done: 0, total: plan.responseCount * plan.tables.length };
  const summary: ExportSummary = {
    surveyId: plan.surveyId,
    responses: plan.responseCount,
    skippedDrafts: plan.skippedDrafts,
    versions: plan.versions,
    columns: 0,
    files: [],
    neutralizedCells: 0,
    longCells: 0,
    warnings: plan.warnings,
  };
  // Counts per file, so that writing a file again does not count its cells twice.
  const counts = new Map<string, { neutralized: number; long: number }>();
  const counter = (name: string) => {
    const start = { neutralized: encoder.neutralized, long: encoder.longCells };
    return () => {
      counts.set(name, { neutralized: encoder.neutralized - start.neutralized, long: encoder.longCells - start.long });
      summary.neutralizedCells = 0;
      summary.longCells = 0;
      for (const c of counts.values()) {
        summary.neutralizedCells += c.neutralized;
        summary.longCells += c.long;
      }
    };
  };

  const fileName = (t: TablePlan) => (t.source ? `${plan.fileBase}-${t.id.replace(/[^A-Za-z0-9._-]+/g, "_")}.csv` : `${plan.fileBase}.csv`);
  const titleOf = (parts: Parameters<typeof columnTitle>[0]) => columnTitle(parts, opts.language, plan.defaultLanguage);
  const keyHeader = (name: string) => (opts.headers === "titles" && name === "index" ? (textIn(METADATA_TEXT["index"], opts.language) ?? name) : name);

  const tableDone = plan.tables.map(() => 0);
  const restart = (index: number) => {
    progress.done -= tableDone[index] ?? 0;
    tableDone[index] = 0;
  };
  const step = (index: number) => {
    progress.done++;
    tableDone[index] = (tableDone[index] ?? 0) + 1;
  };

  const tableFile = (table: TablePlan, index: number): ExportFile => {
    const getters = table.columns.map((c) => compileColumn(c, extract));
    const header = [
      ...table.keyNames.map(keyHeader),
      ...table.columns.map((c) => (opts.headers === "titles" ? titleOf(c.titles) : c.name)),
      ...(table.source ? [] : METADATA_COLUMNS),
    ];
    const n = getters.length;
    const keys = table.keyNames.length;
    const dates: (DateKind | undefined)[] = [
      ...table.keyNames.map(() => undefined),
      ...table.columns.map((c) => (c.leaf.kind === "value" && c.node.kind === "value" && c.node.inputType === "date" ? ("date" as const) : undefined)),
      ...(table.source ? [] : METADATA_COLUMNS.map((k) => (k.endsWith("_at") ? ("datetime" as const) : undefined))),
    ];
    let measured: ColumnStats | undefined;
    /** The rows as cell arrays; `track` counts them in the export's progress. */
    const rowsOf = table.source
      ? function* (track: boolean): Generator<Cell[]> {
          if (track) restart(index);
          for (const r of records) {
            for (const entry of repeatRows(table, r.data)) {
              const row: Cell[] = [r.id, ...entry.indexes];
              for (let i = 0; i < n; i++) row.push((getters[i] as (s: unknown) => Cell)(entry.scope));
              yield row;
            }
            if (track) step(index);
          }
        }
      : function* (track: boolean): Generator<Cell[]> {
          if (track) restart(index);
          for (const r of records) {
            const data = r.data;
            const row: Cell[] = new Array(n + METADATA_COLUMNS.length);
            for (let i = 0; i < n; i++) row[i] = (getters[i] as (s: unknown) => Cell)(data);
            row[n] = r.id;
            row[n + 1] = r.surveyId;
            row[n + 2] = r.surveyVersion;
            row[n + 3] = r.status;
            row[n + 4] = r.language;
            row[n + 5] = isoUtc(r.createdAt);
            row[n + 6] = isoUtc(r.updatedAt);
            row[n + 7] = isoUtc(r.completedAt);
            yield row;
            if (track) step(index);
          }
        };
    const rows = () => rowsOf(true);
    /** One response's rows written cell by cell, the same cells as rows() without an array per row. */
    const writeRecord = table.source
      ? (w: CsvByteWriter, r: ExportRecord, st: ColumnStats) => {
          for (const entry of repeatRows(table, r.data)) {
            put(w, st, 0, r.id);
            for (let k = 0; k < entry.indexes.length; k++) {
              w.delimiter();
              put(w, st, k + 1, entry.indexes[k]);
            }
            const scope = entry.scope;
            for (let i = 0; i < n; i++) {
              w.delimiter();
              put(w, st, keys + i, (getters[i] as (s: unknown) => Cell)(scope));
            }
            w.endRow();
            st.rows++;
          }
        }
      : (w: CsvByteWriter, r: ExportRecord, st: ColumnStats) => {
          const data = r.data;
          for (let i = 0; i < n; i++) {
            put(w, st, i, (getters[i] as (s: unknown) => Cell)(data));
            w.delimiter();
          }
          put(w, st, n, r.id);
          w.delimiter();
          put(w, st, n + 1, r.surveyId);
          w.delimiter();
          put(w, st, n + 2, r.surveyVersion);
          w.delimiter();
          put(w, st, n + 3, r.status);
          w.delimiter();
          put(w, st, n + 4, r.language);
          w.delimiter();
          put(w, st, n + 5, isoUtc(r.createdAt));
          w.delimiter();
          put(w, st, n + 6, isoUtc(r.updatedAt));
          w.delimiter();
          put(w, st, n + 7, isoUtc(r.completedAt));
          w.endRow();
          st.rows++;
        };
    const stream = (chunkBytes = CHUNK_BYTES): FileStream => {
      const sync = counter(fileName(table));
      const w = new CsvByteWriter(encoder, chunkBytes * 2);
      const st = new ColumnStats(header.length, dates);
      if (opts.bom) w.raw(BOM);
      w.row(header);
      restart(index);
      return {
        *write(batch) {
          for (const r of batch) {
            if (batch !== records && !isExported(r, plan.surveyId, opts)) continue;
            writeRecord(w, r, st);
            step(index);
            if (w.length >= chunkBytes) {
              sync();
              yield w.take();
            }
          }
        },
        *end() {
          sync();
          measured = st;
          yield w.take();
        },
      };
    };
    function* bytes(chunkBytes = CHUNK_BYTES): Generator<Uint8Array<ArrayBuffer>> {
      const s = stream(chunkBytes);
      yield* s.write(records);
      yield* s.end();
    }
    return {
      name: fileName(table),
      kind: table.source ? "repeat" : "responses",
      header,
      rows,
      bytes,
      chunks: () => decodeChunks(bytes()),
      stream,
      stats: () => measured ?? ColumnStats.of(rowsOf(false), header.length, dates),
      dateKinds: dates,
    };
  };

  const files = plan.tables.map(tableFile);
  summary.columns = files[0]?.header.length ?? 0;
  const codebook = codebookRows(plan, files.map((f) => f.name), (t) => files[plan.tables.indexOf(t)]?.header ?? []);
  function* codebookBytes(chunkBytes = CHUNK_BYTES): Generator<Uint8Array<ArrayBuffer>> {
    const sync = counter("codebook");
    const w = new CsvByteWriter(encoder, chunkBytes * 2);
    if (opts.bom) w.raw(BOM);
    w.row(codebook.header);
    for (const row of codebook.rows) {
      w.row(row);
      if (w.length >= chunkBytes) {
        sync();
        yield w.take();
      }
    }
    sync();
    yield w.take();
  }
  files.push({
    name: `${plan.fileBase}-codebook.csv`,
    kind: "codebook",
    header: codebook.header,
    *rows() {
      yield* codebook.rows;
    },
    bytes: codebookBytes,
    chunks: () => decodeChunks(codebookBytes()),
    stream: (chunkBytes) => {
      const all = codebookBytes(chunkBytes);
      return {
        *write() {},
        end: () => all,
      };
    },
    stats: () => new ColumnStats(0),
    dateKinds: [],
  });
  summary.files = files.map((f) => f.name);
  return { plan, files, summary, progress, archiveName: `${plan.fileBase}.zip` };
}

/**
 * Whether the export is handed over as one ZIP: with repeats as files (several CSVs), or with label
 * scripts (which need their CSV beside them).
 */
export function exportIsArchive(options: Pick<ExportOptions, "repeats" | "scripts" | "format" | "files">): boolean {
  return options.format !== "xlsx" && (options.repeats === "files" || options.scripts.length > 0 || options.files);
}

/** Every file as one string (tests, small exports). For large exports stream `chunks()` instead. */
export function csvExportToStrings(exp: CsvExport): { name: string; text: string }[] {
  return exp.files.map((f) => {
    let text = "";
    for (const c of f.chunks()) text += c;
    return { name: f.name, text };
  });
}
