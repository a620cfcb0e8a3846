/**
 * Module Web Worker for imports (use it through startImport, start-import.ts). Messages in:
 *   { type: "start", files: File[], context }   reads the files and stores their records
 *   { type: "cancel" }                          stops and removes what the run stored
 *   { type: "settle", ids, keep }               the analyst's choice for conflicts
 *   { type: "report" }                          the full report as a CSV Blob
 * Messages out: "progress", then the report in pieces ("not-imported", "conflicts"), then "done"
 * with the summary (or "error"); "settled" after each settle. The worker reads and writes
 * IndexedDB itself: the page never holds or clones the records.
 */
import { createImportStore, type ResponseImportStore } from "../db/import-store.ts";
import { createImportJob, type ImportJob } from "../export/import-job.ts";
import type { ImportWorkerMessage, ImportWorkerRequest } from "./start-import.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;
const post = (m: ImportWorkerMessage) => scope.postMessage(m);
let job: ImportJob | undefined;
/** The connection of the piece of work in hand (a run, a settle), closed after it. */
let open: ResponseImportStore | undefined;
/** Pieces of work run one after the other (a settle waits for the run). */
let queue: Promise<unknown> = Promise.resolve();
const withStore = <T>(work: () => Promise<T>): Promise<T> => {
  const next = queue.then(async () => {
    open = createImportStore();
    try {
      return await work();
    } finally {
      open.close();
      open = undefined;
    }
  });
  queue = next.catch(() => undefined);
  return next;
};
const current = (): ResponseImportStore => {
  if (!open) throw new Error("the import has no database connection");
  return open;
};
const store: ResponseImportStore = {
  get: (ids) => current().get(ids),
  add: (records) => current().add(records),
  remove: (ids) => current().remove(ids),
  put: (records) => current().put(records),
  close: () => undefined,
};

scope.onmessage = (event) => {
  const m = event.data;
  if (m.type === "start") {
    job = createImportJob(m.context, store, {
      onProgress: (p) => post({ type: "progress", ...p }),
      onNotImported: (items) => post({ type: "not-imported", items }),
      onConflicts: (items) => post({ type: "conflicts", items }),
    });
    const running = job;
    void withStore(() => running.run(m.files.map((f) => ({ name: f.name, data: f })))).then(
      (summary) => post({ type: "done", summary }),
      (e: unknown) => post({ type: "error", message: e instanceof Error ? e.message : String(e) }),
    );
  } else if (m.type === "cancel") {
    job?.cancel();
  } else if (m.type === "report") {
    if (job) post({ type: "report", blob: new Blob([job.reportCsv()], { type: "text/csv;charset=utf-8" }) });
  } else if (m.type === "settle") {
    const running = job;
    if (!running) return;
    void withStore(() => running.settle(m.ids, m.keep)).then(
      (ids) => post({ type: "settled", ids, keep: m.keep }),
      (e: unknown) => post({ type: "error", message: e instanceof Error ? e.message : String(e) }),
    );
  }
};
