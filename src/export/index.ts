/**
 * # Export core: pure functions from survey definitions and responses to CSV files
 *
 * Runs unchanged in the browser (in a Web Worker), on the main thread, in Node (CLI, tests) and
 * on the server. It never imports survey-core, dexie or the DOM: the column plan comes from the
 * definition's answer tree (src/definition/), and the records are handed in. The worker should
 * import the modules it needs directly (export-job.ts does), not this index, so that zod (used by
 * the import helpers only) stays out of its bundle.
 *
 * ## Exporting
 * - `createExportJob({ input, options }, { onProgress })` (src/workers/create-export-job.ts, not
 *   part of this index: it starts a Worker) — for the UI: runs the export in a module worker
 *   (src/workers/export-worker.ts); `job.progress()` / `onProgress` give `{ done, total }`,
 *   `job.result` resolves with `{ files: [{ name, blob }], summary }` (responses CSV then codebook
 *   CSV; one ZIP with every file and script when `repeats: "files"` or scripts are asked for; one
 *   .xlsx with `format: "xlsx"`), `job.cancel()` stops it.
 *   `input.records` is "database" in the app: the worker reads the survey's records from IndexedDB
 *   itself (`readSurveyRecords`, src/db/response-meta.ts), so the page clones none; or an array or
 *   an async iterable of batches (Node, tests), posted to the worker 1,000 at a time.
 * - `createCsvExport(input, options)` — the same in-process: `files[i].bytes(chunkBytes?)` yields
 *   the file as UTF-8, written cell by cell into one reused buffer (each chunk is a view: copy it
 *   before asking for the next), `files[i].chunks()` the same as text chunks (BOM, header, rows),
 *   `files[i].rows()` the unencoded cell arrays, `summary` the counts
 *   (responses, skipped drafts, columns, neutralized cells, cells too long for Excel, warnings),
 *   `progress` the rows written so far. `csvExportToStrings` joins the chunks (small exports).
 *   `zipTextFiles(files)` / `createZipWriter(onData)` make the ZIP.
 * - `planExport(input, options)` — only the plan (tables, columns, versions, warnings): cheap, for a
 *   preview of the column count before exporting.
 * - Records that are not in memory (the server reads them from its database):
 *   `planExportFromSource({ surveyId, definitions, counts, batches })` plans with one pass over
 *   `batches()` (oldest first, the same records each call), `planToCsvExport(plan)` makes the
 *   files, and each file's `stream()` writes them from the batches of a second pass:
 *   `for (const chunk of s.write(batch))` for every batch, then `s.end()`. The bytes are those of
 *   `bytes()` for the same records.
 * - Label scripts: `csvExportToScripts(exp, { kinds?, fileNames?, base? })` → `[{ name, kind,
 *   chunks() }]`: `<survey>.R`, `.do`, `.sps` for `options.scripts` (or `kinds`), plus
 *   `<file>-spss.csv` copies when text has line breaks (SPSS cannot read them in a quoted cell).
 *   Call it after the CSV files were written (the scripts use what was written: widths, numbers or
 *   text, dates), with `fileNames` the names the CSVs have where the scripts run.
 *   `csvExportToScriptModel(exp)` is the model they are written from; `packageNames(columns,
 *   "r" | "stata" | "spss")` the valid names and the renames. `exportIsArchive(options)`: whether the
 *   app hands the files over as one ZIP (repeats as files, or scripts).
 * - Excel: `writeXlsx(exp, writableStream, { tick })` streams the workbook (`options.format:
 *   "xlsx"`; typed cells, a sheet per repeat, the codebook sheet; XLSX_MIME); it loads its writer
 *   with a dynamic import. runExportJob does all of this for the worker, and so can the server.
 *
 * `input` is `{ surveyId, definitions, records }`: every stored version of the survey as
 * `{ surveyId, version, json }` (`surveyFileToExportDefinition(file)` converts a parsed survey
 * file) and the records (ResponseRecord). Records of other surveys are ignored, drafts too unless
 * `includeDrafts`. Rows are sorted by `createdAt`, then id.
 *
 * ## Options (all optional; defaults in DEFAULT_EXPORT_OPTIONS)
 * headers "names" | "titles"; values "codes" | "labels"; language (for titles and labels);
 * delimiter "comma" | "semicolon" | "tab"; bom (true); includeDrafts (false); multi "joined" |
 * "columns"; repeats "wide" | "files"; neutralize (true); separator "/" | "_" | "."; lineEnding
 * "crlf" | "lf"; decimalMark "." | "," (with semicolon or tab); scripts ("r" | "stata" | "spss")[];
 * format "csv" | "xlsx"; files (false: with true the export is a ZIP that also holds the files given as
 * answers, at `files/<response_id>/<question>/<name>`; the CSV always lists their names).
 *
 * ## Columns
 * Definition order, panels flattened (questions by their own names), then the metadata
 * `response_id, survey_id, survey_version, status, language, created_at, updated_at,
 * completed_at` (ISO 8601 UTC with Z). Names join parts with the separator: checkbox / tagbox `q`
 * (codes joined with ";") or `q/<code>` per choice (1 chosen, 0 not chosen, blank not answered);
 * `q/other` the "Other" text; `q/comment` the comment area; matrix `q/<row>`; matrixdropdown
 * `q/<row>/<column>` (checkbox / tagbox cells joined with ";"); multipletext `q/<item>`; paneldynamic
 * and matrixdynamic wide `q/<n>/<sub>` up to the largest count in the data, or (files) a column `q`
 * with the number of entries and a file `<survey>-q.csv` keyed by `response_id, index`. Ranking:
 * codes joined in rank order. Keys in the data that no definition knows get extra columns (and a
 * warning), so nothing stored is left out. With separator "_" or "." every name is made a
 * syntactic R name (R's `read.csv` then renames nothing; "_" suits Stata too); with "/" use
 * `read.csv(file, check.names = FALSE)`, or the codebook's `column` to rename. Titles headers are
 * for people (they may repeat, and metadata keep their names); use names for software.
 * Union over versions: see plan.ts.
 *
 * ## Cells
 * RFC 4180: quoted only when needed, quotes doubled, CRLF. Numbers are written as numbers (never
 * neutralized, even when negative), and so is text that is exactly a plain number (`-5`, `+1`);
 * other text that starts with = + - @ (also after blanks, or full-width), tab, CR or LF gets a
 * leading apostrophe (`neutralize`), and the summary counts them. The rule and its reverse:
 * formula.ts (`needsNeutralizing`, `neutralizeText`, `unneutralize`). Codebook: see codebook.ts.
 *
 * ## Importing and merging
 * - `createImportJob(context, store, callbacks)` (import-job.ts) — what the app's import runs in its
 *   worker (src/workers/import-worker.ts, started with `startImport` from src/workers/start-import.ts):
 *   `run(sources)` reads responses files and CSVs piece by piece, stores new records in batches
 *   through `store`, and reports `{ added, unchanged, repeated, conflicts, notImported, columns,
 *   fileProblems, cancelled }`, every record and column not imported with a code and a reason;
 *   `settle(ids, "imported" | "stored")`, `cancel()`, `reportCsv()`.
 * - `createResponsesFileReader(fileName)` (src/schema/responses-file.ts): a responses file pushed in
 *   pieces, record by record; `parseResponsesFile(text, fileName)` → `{ ok, records, rejected }` for a
 *   whole text;
 *   `createResponsesFile(records, definitionRefs)` / `responsesFileToText` for the download;
 *   `textToSha256(text)` for definition hashes; `compareDefinitionRefs` for hash mismatches.
 * - `csvToRecords(text, fileName, definitions)` — a CSV this app exported (names + codes, wide) back
 *   into records, with `notRestored` columns and `rejected` rows; `createCsvRecordReader` does it row
 *   by row, and `csvRows(blobOrText, onBatch)` streams the rows with papaparse.
 * - `mergeImport(existing, incoming, { rejected })` → `{ added, unchanged, conflicts, rejected }`.
 *
 * ## Charts
 * - `summarize(definitions, records, { filters })` → per-question summaries (summarize.ts).
 */
export { createCsvExport, csvExportToStrings, exportIsArchive, planToCsvExport, type CsvExport, type ExportFile, type ExportSummary, type FileStream } from "./export-csv.ts";
export { csvExportToScriptModel, csvExportToScripts, type ScriptFile } from "./label-scripts.ts";
export { packageNames, type PackageNames, type StatsPackage } from "./package-names.ts";
export { writeXlsx, XLSX_MIME, type XlsxWriteOptions } from "./xlsx.ts";
export { planExport, planExportFromSource, surveyFileToExportDefinition, type ExportInput, type ExportPlan, type ExportSource, type VersionCount } from "./plan.ts";
export {
  createExportWorkerHandler,
  runExportJob,
  CSV_MIME,
  ZIP_MIME,
  type ExportJobFile,
  type ExportJobMessage,
  type ExportJobRequest,
  type ExportProgress,
  type ExportWorkerRequest,
  type RecordReader,
} from "./export-job.ts";
export { createZipWriter, zipTextFiles, type ZipWriter } from "./zip.ts";
export { attachmentName, attachmentPaths, collectAttachments, dataUrlBytes, type Attachment, type AttachmentReader } from "./attachments.ts";
export { CsvByteWriter, CsvEncoder, EXCEL_CELL_LIMIT } from "./csv-writer.ts";
export { isPlainNumber, needsNeutralizing, neutralizeText, unneutralize } from "./formula.ts";
export { parseCsv, detectDelimiter, csvRows, CsvFileError } from "./csv-reader.ts";
export { csvToRecords, createCsvRecordReader, type ColumnNotRestored, type CsvImportResult } from "./csv-import.ts";
export { mergeImport, canonicalJson, recordDifferences, type ImportConflict, type ImportReport, type MergeableRecord } from "./import-merge.ts";
export {
  createImportJob,
  notImportedToCsv,
  IMPORT_BATCH,
  type ColumnNotImported,
  type ConflictSummary,
  type ImportContext,
  type ImportJob,
  type ImportProgress,
  type ImportSource,
  type ImportStore,
  type ImportSummary,
  type InstalledSurvey,
  type NotImported,
  type NotImportedCode,
} from "./import-job.ts";
export {
  summarize,
  type ChoiceSummary,
  type MatrixSummary,
  type NumericSummary,
  type QuestionSummary,
  type RankingSummary,
  type SummaryFilter,
  type SummaryOptions,
  type SurveySummary,
  type TextSummary,
} from "./summarize.ts";
export { textIn } from "../definition/text.ts";
export {
  DEFAULT_EXPORT_OPTIONS,
  ExportError,
  LABEL_SCRIPT_KINDS,
  type LabelScriptKind,
  type Delimiter,
  type ExportDefinition,
  type ExportOptions,
  type ExportRecord,
  type ExportWarning,
  type LocalizedText,
  type NameSeparator,
  type Scalar,
} from "./types.ts";
