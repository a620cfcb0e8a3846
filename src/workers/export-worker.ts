/**
 * Module Web Worker for CSV export: the export itself is pure (src/export/); this file gives it
 * the records, read from the app's IndexedDB through src/db. Messages in, either
 *   { type: "start-from-db", surveyId, definitions, options, zipTime? }
 *                                  the worker reads the survey's records from the app's IndexedDB
 *                                  itself (src/db), so the page clones none of them
 * or, when the records come from elsewhere (an import, tests):
 *   { type: "start", surveyId, definitions, options, zipTime? }
 *   { type: "records", records }   any number of batches, so that no single structured clone
 *                                  blocks the page for long
 *   { type: "end" }                runs the export
 * and `{ type: "cancel" }` at any time. Messages out: progress `{ done, total }`, then "done"
 * with the files as Blobs, "error" or "cancelled". Use it through createExportJob.
 */
import { createFileRepository } from "../db/files.ts";
import { readSurveyRecords } from "../db/response-meta.ts";
import { createExportWorkerHandler, type ExportJobMessage, type ExportWorkerRequest } from "../export/export-job.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportWorkerRequest>) => void) | null;
  postMessage(message: ExportJobMessage): void;
}

const scope = self as unknown as WorkerScope;
const files = createFileRepository();
const handle = createExportWorkerHandler(
  (m) => scope.postMessage(m),
  (surveyId) => readSurveyRecords(surveyId),
  (ref) => files.get(ref),
);
scope.onmessage = (event) => handle(event.data);
