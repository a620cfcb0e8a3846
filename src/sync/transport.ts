/**
 * The sender's way to the server (docs/api.md, "Submitting"): one PUT per (response id, revision),
 * with the content hash and the revision it replaces, as the collection link's bearer.
 *
 * Files given as answers (src/schema/file-ref.ts: the answer holds `studio-file:<id>`, the Blob is
 * in IndexedDB) go first, each as `PUT …/attachments/{sha256}` (the same bytes twice are stored
 * once); the submitted answers then name each file as `sha256:<hex>` instead of the device's own
 * reference. The rewrite is deterministic, so a retry sends the same content and hash.
 */
import { apiJson, apiRequest, type FetchLike } from "../remote/http.ts";
import { fileRefsIn } from "../schema/file-ref.ts";
import type { OutboxEntry } from "../schema/outbox.ts";
import { receiptSchema, responseContentHash, type Submission } from "../schema/submission.ts";
import type { Transport } from "./sender.ts";

/** How the transport reads a file answer's bytes (src/db/files.ts). */
export interface FileSource {
  get(ref: string): Promise<{ blob: Blob; type: string } | undefined>;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The answers with every reference in `names` replaced (deep). */
function renameRefs(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, names));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameRefs(v, names)]));
  return value;
}

export function createHttpTransport(files: FileSource, fetchImpl?: FetchLike): Transport {
  return {
    async submit(entry: OutboxEntry, replaces: number | null, token: string) {
      const credentials = { kind: "link", token } as const;
      const names = new Map<string, string>();
      for (const ref of new Set(fileRefsIn(entry.response.data))) {
        const file = await files.get(ref);
        // A file removed from the device since (the response deleted here) keeps its reference: the answer still names it.
        if (!file) continue;
        const hash = await sha256Hex(file.blob);
        const type = /json/i.test(file.type) || !file.type ? "application/octet-stream" : file.type;
        await apiRequest(`/surveys/${encodeURIComponent(entry.surveyId)}/attachments/${hash}`, { method: "PUT", bytes: file.blob, contentType: type, credentials }, fetchImpl);
        names.set(ref, `sha256:${hash}`);
      }
      const data = names.size ? (renameRefs(entry.response.data, names) as Record<string, unknown>) : entry.response.data;
      const response = { ...entry.response, data, revision: entry.revision, status: "completed" as const, completedAt: entry.response.completedAt ?? entry.queuedAt };
      const body: Submission = { response, contentHash: await responseContentHash(response, entry.revision), replaces };
      const path = `/surveys/${encodeURIComponent(entry.surveyId)}/responses/${encodeURIComponent(entry.responseId)}/revisions/${entry.revision}`;
      return apiJson(receiptSchema, path, { method: "PUT", json: body, credentials }, fetchImpl);
    },
  };
}
