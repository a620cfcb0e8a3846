/**
 * The export as a job: what the Web Worker runs (src/workers/export-worker.ts), written as a plain
 * async function so that it runs and is tested in Node too. With the option `files`, the files given
 * as answers go in the ZIP too, read through `readAttachment` (the worker reads IndexedDB). It writes the files as Blobs in
 * chunks, reports progress, gives the event loop a turn now and then so a "cancel" message can
 * arrive, and stops when cancelled.
 */
import { attachmentBytes, attachmentPaths, collectAttachments, type AttachmentReader } from "./attachments.ts";
import { createCsvExport, exportIsArchive, type ExportSummary } from "./export-csv.ts";
import { csvExportToScripts } from "./label-scripts.ts";
import { writeXlsx, XLSX_MIME } from "./xlsx.ts";
import type { ExportInput } from "./plan.ts";
import { ExportError, type ExportDefinition, type ExportOptions, type ExportRecord } from "./types.ts";
import { createZipWriter } from "./zip.ts";

export interface ExportJobRequest {
  type: "start";
  input: ExportInput;
  options?: Partial<ExportOptions>;
  /** Fixed modification time for ZIP entries (tests); default now. */
  zipTime?: number;
}

export interface ExportProgress {
  /** Rows written (responses, plus entries of each repeat file). */
  done: number;
  total: number;
}

export interface ExportJobFile {
  name: string;
  blob: Blob;
}

export type ExportJobMessage =
  | ({ type: "progress" } & ExportProgress)
  | { type: "done"; files: ExportJobFile[]; summary: ExportSummary }
  | { type: "error"; message: string }
  | { type: "cancelled" };

export const CSV_MIME = "text/csv;charset=utf-8";
export const ZIP_MIME = "application/zip";

/** How often (ms) progress is posted and the event loop gets a turn. */
const SLICE_MS = 50;
/**
 * The CSV is written in chunks of about this many bytes into one reused buffer; each chunk is
 * copied into a Blob at once, so the file's bytes never sit in the JS heap.
 */
const BLOB_PART_BYTES = 1 << 20;

/** A macrotask turn without the 4 ms clamp of nested timers. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/**
 * Runs one export. The outcome is posted: "done" with the files (the responses CSV then the
 * codebook CSV; or one ZIP with every CSV, the codebook and the label scripts when repeats are
 * files or scripts are asked for; or one .xlsx workbook with format "xlsx"), "error" or "cancelled".
 */
export async function runExportJob(
  request: ExportJobRequest,
  post: (message: ExportJobMessage) => void,
  isCancelled: () => boolean,
  pause: () => Promise<void> = yieldToEventLoop,
  readAttachment?: AttachmentReader,
): Promise<void> {
  try {
    const exp = createCsvExport(request.input, request.options);
    let last = Date.now();
    /** True when the job should stop. */
    const tick = async (): Promise<boolean> => {
      const now = Date.now();
      if (now - last < SLICE_MS) return isCancelled();
      last = now;
      post({ type: "progress", ...exp.progress });
      await pause();
      return isCancelled();
    };
    if (isCancelled()) return post({ type: "cancelled" });
    post({ type: "progress", ...exp.progress });

    const files: ExportJobFile[] = [];
    if (exp.plan.options.format === "xlsx") {
      const parts: Blob[] = [];
      const sink = new WritableStream<Uint8Array>({ write: (chunk) => void parts.push(new Blob([chunk.slice()])) });
      if (await writeXlsx(exp, sink, { tick })) return post({ type: "cancelled" });
      const name = `${exp.plan.fileBase}.xlsx`;
      exp.summary.files = [name];
      files.push({ name, blob: new Blob(parts, { type: XLSX_MIME }) });
    } else if (exportIsArchive(exp.plan.options)) {
      const parts: BlobPart[] = [];
      const writer = createZipWriter((bytes) => parts.push(bytes as Uint8Array<ArrayBuffer>), request.zipTime === undefined ? {} : { mtime: new Date(request.zipTime) });
      const add = async (f: { name: string; chunks(): Iterable<string> }): Promise<boolean> => {
        const entry = writer.file(f.name);
        for (const chunk of f.chunks()) {
          entry.push(chunk);
          if (await tick()) return true;
        }
        entry.end();
        return false;
      };
      for (const f of exp.files) if (await add(f)) return post({ type: "cancelled" });
      // The scripts come after the CSV files: they use what was written (widths, numbers or text).
      for (const f of csvExportToScripts(exp)) if (await add(f)) return post({ type: "cancelled" });
      if (exp.plan.options.files) {
        // The files given as answers, last: decoded from data URLs or read from the device.
        const list = exp.plan.records.flatMap((r) => collectAttachments(r));
        const paths = attachmentPaths(list);
        const counts = { included: 0, missing: 0 };
        for (const [i, a] of list.entries()) {
          const bytes = await attachmentBytes(a, readAttachment);
          if (!bytes) {
            counts.missing++;
            continue;
          }
          const entry = writer.file(paths[i]!);
          entry.push(bytes);
          entry.end();
          counts.included++;
          if (await tick()) return post({ type: "cancelled" });
        }
        exp.summary.attachments = counts;
      }
      writer.end();
      files.push({ name: exp.archiveName, blob: new Blob(parts, { type: ZIP_MIME }) });
    } else {
      for (const f of exp.files) {
        const parts: Blob[] = [];
        for (const chunk of f.bytes(BLOB_PART_BYTES)) {
          parts.push(new Blob([chunk]));
          if (await tick()) return post({ type: "cancelled" });
        }
        files.push({ name: f.name, blob: new Blob(parts, { type: CSV_MIME }) });
      }
    }
    post({ type: "progress", ...exp.progress });
    post({ type: "done", files, summary: exp.summary });
  } catch (e) {
    post({ type: "error", message: e instanceof ExportError || e instanceof Error ? e.message : String(e) });
  }
}

/** Where the worker reads a survey's records itself, in batches (src/db/response-meta.ts `readSurveyRecords` in the browser). */
export type RecordReader = (surveyId: string) => AsyncIterable<readonly ExportRecord[]>;

/**
 * What the client posts to the worker: "start", record batches, "end"; or "start-from-db", after
 * which the worker reads the survey's records from the app's IndexedDB itself (the page clones
 * none); and "cancel" at any time.
 */
export type ExportWorkerRequest =
  | { type: "start"; surveyId: string; definitions: readonly ExportDefinition[]; options?: Partial<ExportOptions>; zipTime?: number }
  | { type: "start-from-db"; surveyId: string; definitions: readonly ExportDefinition[]; options?: Partial<ExportOptions>; zipTime?: number }
  | { type: "records"; records: readonly ExportRecord[] }
  | { type: "end" }
  | { type: "cancel" };

type StartRequest = Extract<ExportWorkerRequest, { type: "start" | "start-from-db" }>;

function jobRequest(start: StartRequest, records: readonly ExportRecord[]): ExportJobRequest {
  const request: ExportJobRequest = { type: "start", input: { surveyId: start.surveyId, definitions: start.definitions, records } };
  if (start.options) request.options = start.options;
  if (start.zipTime !== undefined) request.zipTime = start.zipTime;
  return request;
}

/**
 * The worker's message handler: collects the record batches between "start" and "end", or reads
 * them with `readRecords` after "start-from-db", then runs the job; "cancel" stops it.
 * src/workers/export-worker.ts wires it to `self` and to IndexedDB; tests call it directly.
 */
export function createExportWorkerHandler(post: (message: ExportJobMessage) => void, readRecords?: RecordReader, readAttachment?: AttachmentReader): (message: ExportWorkerRequest) => void {
  let cancelled = false;
  let pending: { start: StartRequest; records: ExportRecord[] } | undefined;
  const fromDatabase = async (start: StartRequest) => {
    const records: ExportRecord[] = [];
    try {
      if (!readRecords) throw new Error("this export worker cannot read the database");
      for await (const batch of readRecords(start.surveyId)) {
        if (cancelled) return post({ type: "cancelled" });
        for (const r of batch) records.push(r);
      }
    } catch (e) {
      return post({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
    if (cancelled) return post({ type: "cancelled" });
    await runExportJob(jobRequest(start, records), post, () => cancelled, undefined, readAttachment);
  };
  return (m) => {
    switch (m.type) {
      case "cancel":
        cancelled = true;
        pending = undefined;
        return;
      case "start":
        cancelled = false;
        pending = { start: m, records: [] };
        return;
      case "start-from-db":
        cancelled = false;
        pending = undefined;
        void fromDatabase(m);
        return;
      case "records":
        if (pending) for (const r of m.records) pending.records.push(r);
        return;
      case "end": {
        if (!pending) return;
        const { start, records } = pending;
        pending = undefined;
        void runExportJob(jobRequest(start, records), post, () => cancelled, undefined, readAttachment);
        return;
      }
    }
  };
}
