/**
 * Main-thread client of the import worker (import-worker.ts):
 *
 *   const handle = startImport({ files, context }, { onProgress, onNotImported, onConflicts });
 *   const summary = await handle.result;     // { added, unchanged, repeated, conflicts, notImported, columns, fileProblems, cancelled }
 *   await handle.settle(ids, "imported");    // the analyst's choice for conflicts
 *   handle.close();                          // ends the worker (pending conflicts are dropped)
 *
 * `handle.cancel()` stops the import: the worker removes what it stored and `result` resolves
 * with `cancelled: true`. Files go to the worker as File objects (not read on the page).
 */
import type { ConflictSummary, ImportContext, ImportProgress, ImportSummary, NotImported } from "../export/import-job.ts";
import type { WorkerLike } from "./create-export-job.ts";

export type ImportWorkerRequest =
  | { type: "start"; files: File[]; context: ImportContext }
  | { type: "cancel" }
  | { type: "settle"; ids: string[]; keep: "imported" | "stored" }
  | { type: "report" };

export type ImportWorkerMessage =
  | ({ type: "progress" } & ImportProgress)
  | { type: "not-imported"; items: NotImported[] }
  | { type: "conflicts"; items: ConflictSummary[] }
  | { type: "done"; summary: ImportSummary }
  | { type: "settled"; ids: string[]; keep: "imported" | "stored" }
  | { type: "report"; blob: Blob }
  | { type: "error"; message: string };

export interface ImportHandle {
  result: Promise<ImportSummary>;
  cancel(): void;
  settle(ids: readonly string[], keep: "imported" | "stored"): Promise<string[]>;
  /** The full report of what was not imported (CSV), built in the worker. */
  report(): Promise<Blob>;
  close(): void;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL("./import-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

export function startImport(
  request: { files: readonly File[]; context: ImportContext },
  callbacks: {
    onProgress?: (p: ImportProgress) => void;
    onNotImported?: (items: NotImported[]) => void;
    onConflicts?: (items: ConflictSummary[]) => void;
    createWorker?: () => WorkerLike;
  } = {},
): ImportHandle {
  const worker = (callbacks.createWorker ?? defaultWorker)();
  let closed = false;
  const settling: { resolve: (ids: string[]) => void; reject: (e: Error) => void }[] = [];
  const reports: { resolve: (blob: Blob) => void; reject: (e: Error) => void }[] = [];
  let finish: { resolve: (s: ImportSummary) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<ImportSummary>((resolve, reject) => (finish = { resolve, reject }));
  const fail = (e: Error) => {
    finish?.reject(e);
    finish = undefined;
    settling.splice(0).forEach((s) => s.reject(e));
    reports.splice(0).forEach((r) => r.reject(e));
  };
  worker.onmessage = (event: MessageEvent) => {
    const m = event.data as ImportWorkerMessage;
    switch (m.type) {
      case "progress": {
        const { type: _type, ...p } = m;
        callbacks.onProgress?.(p);
        break;
      }
      case "not-imported":
        callbacks.onNotImported?.(m.items);
        break;
      case "conflicts":
        callbacks.onConflicts?.(m.items);
        break;
      case "done":
        finish?.resolve(m.summary);
        finish = undefined;
        break;
      case "settled":
        settling.shift()?.resolve(m.ids);
        break;
      case "report":
        reports.shift()?.resolve(m.blob);
        break;
      case "error":
        fail(new Error(m.message));
        break;
    }
  };
  worker.onerror = (event: ErrorEvent) => fail(new Error(event.message || "the import worker failed"));
  worker.postMessage({ type: "start", files: [...request.files], context: request.context } satisfies ImportWorkerRequest);
  return {
    result,
    cancel() {
      if (!closed) worker.postMessage({ type: "cancel" } satisfies ImportWorkerRequest);
    },
    settle(ids, keep) {
      if (closed) return Promise.reject(new Error("the import is closed"));
      return new Promise<string[]>((resolve, reject) => {
        settling.push({ resolve, reject });
        worker.postMessage({ type: "settle", ids: [...ids], keep } satisfies ImportWorkerRequest);
      });
    },
    report() {
      if (closed) return Promise.reject(new Error("the import is closed"));
      return new Promise<Blob>((resolve, reject) => {
        reports.push({ resolve, reject });
        worker.postMessage({ type: "report" } satisfies ImportWorkerRequest);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    },
  };
}
