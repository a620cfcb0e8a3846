/**
 * Main-thread client of the export worker:
 *
 *   const job = createExportJob({ input, options }, { onProgress: (p) => setProgress(p) });
 *   const { files, summary } = await job.result;   // rejects with ExportCancelled after job.cancel()
 *
 * `input.records` is "database" in the app: the worker reads the survey's records from the app's
 * IndexedDB itself, so the page neither holds nor clones them (a structured clone of 1,000
 * records still blocks the page for a moment, and 100,000 make a hundred such moments). Otherwise
 * an array, or an async iterable of record batches: they are sent to the worker in batches with
 * a turn of the event loop between them. Framework-free: wrap `onProgress` in a signal where it
 * is used.
 */
import type { ExportSummary } from "../export/export-csv.ts";
import type { ExportJobFile, ExportJobMessage, ExportProgress, ExportWorkerRequest } from "../export/export-job.ts";
import type { ExportDefinition, ExportOptions, ExportRecord } from "../export/types.ts";

/** The part of a Worker the client uses (a fake can stand in for tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ExportJobInput {
  surveyId: string;
  definitions: readonly ExportDefinition[];
  /**
   * "database": the worker reads the survey's records from the app's IndexedDB (browser only);
   * or the records, as an array or an async iterable of batches, posted to the worker.
   */
  records: readonly ExportRecord[] | AsyncIterable<readonly ExportRecord[]> | "database";
}

export interface ExportJobResult {
  /** The responses CSV then the codebook CSV; or one ZIP (repeats as files, or label scripts asked for). */
  files: ExportJobFile[];
  summary: ExportSummary;
}

export interface ExportJob {
  /** The latest progress report ({ done: 0, total: 0 } before the first). */
  progress(): ExportProgress;
  result: Promise<ExportJobResult>;
  /** Stops the export: the worker is terminated and `result` rejects with ExportCancelled. */
  cancel(): void;
}

export class ExportCancelled extends Error {
  override name = "AbortError";
  constructor() {
    super("the export was cancelled");
  }
}

/** Records per message to the worker: a structured clone of this many takes a few milliseconds. */
export const RECORDS_PER_MESSAGE = 1000;

function defaultWorker(): WorkerLike {
  return new Worker(new URL("./export-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createExportJob(
  request: { input: ExportJobInput; options?: Partial<ExportOptions>; zipTime?: number },
  options: { onProgress?: (progress: ExportProgress) => void; createWorker?: () => WorkerLike } = {},
): ExportJob {
  let current: ExportProgress = { done: 0, total: 0 };
  let settled = false;
  const worker = (options.createWorker ?? defaultWorker)();
  let rejectResult: (e: Error) => void = () => undefined;
  const finish = () => {
    settled = true;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
  };
  const result = new Promise<ExportJobResult>((resolve, reject) => {
    rejectResult = reject;
    worker.onmessage = (event: MessageEvent) => {
      const m = event.data as ExportJobMessage;
      if (m.type === "progress") {
        current = { done: m.done, total: m.total };
        options.onProgress?.(current);
      } else if (m.type === "done") {
        finish();
        resolve({ files: m.files, summary: m.summary });
      } else if (m.type === "error") {
        finish();
        reject(new Error(m.message));
      } else {
        finish();
        reject(new ExportCancelled());
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      finish();
      reject(new Error(event.message || "the export worker failed"));
    };
  });

  const post = (m: ExportWorkerRequest) => worker.postMessage(m);
  const send = async () => {
    const { input } = request;
    const start = {
      surveyId: input.surveyId,
      definitions: input.definitions,
      ...(request.options ? { options: request.options } : {}),
      ...(request.zipTime !== undefined ? { zipTime: request.zipTime } : {}),
    };
    if (input.records === "database") return post({ type: "start-from-db", ...start });
    post({ type: "start", ...start });
    const batches: AsyncIterable<readonly ExportRecord[]> | Iterable<readonly ExportRecord[]> = Array.isArray(input.records)
      ? (function* (all: readonly ExportRecord[]) {
          for (let i = 0; i < all.length; i += RECORDS_PER_MESSAGE) yield all.slice(i, i + RECORDS_PER_MESSAGE);
        })(input.records as readonly ExportRecord[])
      : (input.records as AsyncIterable<readonly ExportRecord[]>);
    for await (const batch of batches) {
      if (settled) return;
      for (let i = 0; i < batch.length; i += RECORDS_PER_MESSAGE) {
        post({ type: "records", records: batch.length <= RECORDS_PER_MESSAGE ? batch : batch.slice(i, i + RECORDS_PER_MESSAGE) });
        await nextTurn();
        if (settled) return;
      }
    }
    post({ type: "end" });
  };
  send().catch((e: unknown) => {
    if (settled) return;
    finish();
    rejectResult(e instanceof Error ? e : new Error(String(e)));
  });

  return {
    progress: () => current,
    result,
    cancel() {
      if (settled) return;
      worker.postMessage({ type: "cancel" } satisfies ExportWorkerRequest);
      finish();
      rejectResult(new ExportCancelled());
    },
  };
}
