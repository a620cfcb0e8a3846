/**
 * The sender's way to the server (docs/api.md, "Submitting"): one PUT per (response id, revision),
 * with the content hash and the revision it replaces, as the collection link's bearer.
 */
import { apiJson, type FetchLike } from "../remote/http.ts";
import type { OutboxEntry } from "../schema/outbox.ts";
import { receiptSchema, responseContentHash, type Submission } from "../schema/submission.ts";
import type { Transport } from "./sender.ts";

export function createHttpTransport(fetchImpl?: FetchLike): Transport {
  return {
    async submit(entry: OutboxEntry, replaces: number | null, token: string) {
      const response = { ...entry.response, revision: entry.revision, status: "completed" as const, completedAt: entry.response.completedAt ?? entry.queuedAt };
      const body: Submission = { response, contentHash: await responseContentHash(response, entry.revision), replaces };
      const path = `/surveys/${encodeURIComponent(entry.surveyId)}/responses/${encodeURIComponent(entry.responseId)}/revisions/${entry.revision}`;
      return apiJson(receiptSchema, path, { method: "PUT", json: body, credentials: { kind: "link", token } }, fetchImpl);
    },
  };
}
