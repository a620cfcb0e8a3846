/**
 * The export as a job: what the Web Worker runs (src/export/export-worker.ts), written as a plain
 * async function so that it runs and is tested in Node too. It writes the files as Blobs in
 * chunks, reports progress, gives the event loop a turn now and then so a "cancel" message can
 * arrive, and stops when cancelled.
 */
import { createCsvExport, type ExportSummary } from "./export-csv.ts";
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
/** Strings are turned into a Blob about every this many characters, so they can be released. */
const BLOB_GROUP_CHARS = 8 << 20;

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
 * codebook CSV, or one ZIP when repeats are files), "error" or "cancelled".
 */
export async function runExportJob(
  request: ExportJobRequest,
  post: (message: ExportJobMessage) => void,
  isCancelled: () => boolean,
  pause: () => Promise<void> = yieldToEventLoop,
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
    if (exp.plan.options.repeats === "files") {
      const parts: BlobPart[] = [];
      const writer = createZipWriter((bytes) => parts.push(bytes as Uint8Array<ArrayBuffer>), request.zipTime === undefined ? {} : { mtime: new Date(request.zipTime) });
      for (const f of exp.files) {
        const entry = writer.file(f.name);
        for (const chunk of f.chunks()) {
          entry.push(chunk);
          if (await tick()) return post({ type: "cancelled" });
        }
        entry.end();
      }
      writer.end();
      files.push({ name: exp.archiveName, blob: new Blob(parts, { type: ZIP_MIME }) });
    } else {
      for (const f of exp.files) {
        const blobs: Blob[] = [];
        let group: string[] = [];
        let size = 0;
        for (const chunk of f.chunks()) {
          group.push(chunk);
          size += chunk.length;
          if (size >= BLOB_GROUP_CHARS) {
            blobs.push(new Blob(group));
            group = [];
            size = 0;
          }
          if (await tick()) return post({ type: "cancelled" });
        }
        if (group.length > 0) blobs.push(new Blob(group));
        files.push({ name: f.name, blob: new Blob(blobs, { type: CSV_MIME }) });
      }
    }
    post({ type: "progress", ...exp.progress });
    post({ type: "done", files, summary: exp.summary });
  } catch (e) {
    post({ type: "error", message: e instanceof ExportError || e instanceof Error ? e.message : String(e) });
  }
}

/** What the client posts to the worker: start, record batches, end (and cancel at any time). */
export type ExportWorkerRequest =
  | { type: "start"; surveyId: string; definitions: readonly ExportDefinition[]; options?: Partial<ExportOptions>; zipTime?: number }
  | { type: "records"; records: readonly ExportRecord[] }
  | { type: "end" }
  | { type: "cancel" };

/**
 * The worker's message handler: collects the record batches between "start" and "end", then runs
 * the job; "cancel" stops it. export-worker.ts wires it to `self`; tests call it directly.
 */
export function createExportWorkerHandler(post: (message: ExportJobMessage) => void): (message: ExportWorkerRequest) => void {
  let cancelled = false;
  let pending: { start: Extract<ExportWorkerRequest, { type: "start" }>; records: ExportRecord[] } | undefined;
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
      case "records":
        if (pending) for (const r of m.records) pending.records.push(r);
        return;
      case "end": {
        if (!pending) return;
        const { start, records } = pending;
        pending = undefined;
        const request: ExportJobRequest = { type: "start", input: { surveyId: start.surveyId, definitions: start.definitions, records } };
        if (start.options) request.options = start.options;
        if (start.zipTime !== undefined) request.zipTime = start.zipTime;
        void runExportJob(request, post, () => cancelled);
        return;
      }
    }
  };
}
