// Drives bench/harness/data-worker.ts: everything heavy happens there, off the page's main thread.
import type { DataReply, DataRequest } from "./data-worker.ts";

const worker = new Worker(new URL("./data-worker.ts", import.meta.url), { type: "module" });
let pending: ((r: DataReply) => void) | undefined;
worker.onmessage = (e: MessageEvent<DataReply>) => pending?.(e.data);
worker.onerror = (e) => pending?.({ type: "error", message: e.message || "worker error" });

function ask(req: DataRequest): Promise<DataReply> {
  return new Promise((resolve) => {
    pending = resolve;
    worker.postMessage(req);
  });
}

declare global {
  interface Window {
    data?: { ask: typeof ask };
  }
}
window.data = { ask };
