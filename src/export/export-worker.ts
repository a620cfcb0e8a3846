/**
 * Module Web Worker for CSV export. Messages in, in this order:
 *   { type: "start", surveyId, definitions, options, zipTime? }
 *   { type: "records", records }   any number of batches, so that no single structured clone
 *                                  blocks the page for long
 *   { type: "end" }                runs the export
 * and `{ type: "cancel" }` at any time. Messages out: progress `{ done, total }`, then "done"
 * with the files as Blobs, "error" or "cancelled". Use it through createExportJob.
 */
import { createExportWorkerHandler, type ExportJobMessage, type ExportWorkerRequest } from "./export-job.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportWorkerRequest>) => void) | null;
  postMessage(message: ExportJobMessage): void;
}

const scope = self as unknown as WorkerScope;
const handle = createExportWorkerHandler((m) => scope.postMessage(m));
scope.onmessage = (event) => handle(event.data);
