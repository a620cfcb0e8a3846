import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../../src/remote/http.ts";
import { fileRef } from "../../src/schema/file-ref.ts";
import type { OutboxEntry } from "../../src/schema/outbox.ts";
import { createHttpTransport } from "../../src/sync/transport.ts";

const T0 = "2026-03-01T10:00:00.000Z";
const ID = "12345678-1234-4234-8234-123456789abc";

function entry(data: Record<string, unknown>): OutboxEntry {
  return {
    responseId: ID,
    surveyId: "s1",
    revision: 2,
    state: "queued",
    response: { id: ID, surveyId: "s1", surveyVersion: 1, status: "completed", revision: 2, data, currentPage: null, language: "en", progress: 100, createdAt: T0, updatedAt: T0, completedAt: T0 },
    queuedAt: T0,
    attempts: 0,
    lastAttemptAt: null,
    error: null,
    receipt: null,
    conflict: null,
  };
}

function recordingServer() {
  const calls: { url: string; method: string; type: string | undefined; auth: string | undefined; body: unknown }[] = [];
  const f: FetchLike = async (url, init) => {
    const headers = init.headers as Record<string, string>;
    const body = init.body instanceof Blob ? new Uint8Array(await init.body.arrayBuffer()) : JSON.parse(String(init.body)) as unknown;
    calls.push({ url, method: String(init.method), type: headers["content-type"], auth: headers["authorization"], body });
    if (url.includes("/attachments/")) return Response.json({ outcome: "created" }, { status: 201 });
    const sub = body as { response: { id: string; revision: number }; contentHash: string };
    return Response.json({ surveyId: "s1", responseId: sub.response.id, revision: sub.response.revision, contentHash: sub.contentHash, receivedAt: T0, outcome: "created", current: true }, { status: 201 });
  };
  return { f, calls };
}

describe("the HTTP transport", () => {
  it("PUTs the revision with its content hash and replaces, as the link's bearer", async () => {
    const s = recordingServer();
    const receipt = await createHttpTransport({ get: async () => undefined }, s.f).submit(entry({ q: 1 }), 1, "sslink_t");
    expect(receipt.revision).toBe(2);
    expect(s.calls).toHaveLength(1);
    expect(s.calls[0]).toMatchObject({ url: `/api/surveys/s1/responses/${ID}/revisions/2`, method: "PUT", auth: "Bearer sslink_t" });
    expect(s.calls[0]!.body).toMatchObject({ replaces: 1, response: { revision: 2, status: "completed", data: { q: 1 } }, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("uploads file answers first, by SHA-256, and names them by hash in the answers; a retry sends the same content", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const hash = createHash("sha256").update(bytes).digest("hex");
    const ref = fileRef("aaaaaaaa-0000-4000-8000-000000000001");
    const files = { get: async (r: string) => (r === ref ? { blob: new Blob([bytes], { type: "image/png" }), type: "image/png" } : undefined) };
    const data = { photo: [{ name: "p.png", type: "image/png", content: ref }], signature: ref, other: "text" };
    const s = recordingServer();
    const t = createHttpTransport(files, s.f);
    await t.submit(entry(data), null, "sslink_t");
    await t.submit(entry(data), null, "sslink_t");
    const attachments = s.calls.filter((c) => c.url.includes("/attachments/"));
    expect(attachments.map((c) => [c.url, c.type])).toEqual([
      [`/api/surveys/s1/attachments/${hash}`, "image/png"],
      [`/api/surveys/s1/attachments/${hash}`, "image/png"],
    ]);
    expect(attachments[0]!.body).toEqual(bytes);
    const subs = s.calls.filter((c) => c.url.includes("/responses/")).map((c) => c.body as { response: { data: unknown }; contentHash: string });
    expect(subs[0]!.response.data).toEqual({ photo: [{ name: "p.png", type: "image/png", content: `sha256:${hash}` }], signature: `sha256:${hash}`, other: "text" });
    expect(subs[1]!.contentHash).toBe(subs[0]!.contentHash);
  });
});
