import { describe, expect, it } from "vitest";
import { RemoteError } from "../../src/remote/http.ts";
import type { DeviceLink, OutboxEntry, OutboxStore } from "../../src/schema/outbox.ts";
import { problemType, type ProblemCode } from "../../src/schema/server-api.ts";
import type { Receipt } from "../../src/schema/submission.ts";
import { deliveryOf, outboxOverview } from "../../src/sync/delivery.ts";
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay, createSender, type Transport } from "../../src/sync/sender.ts";

const SURVEY = "s1";
const T0 = "2026-03-01T10:00:00.000Z";

function record(id: string, revision: number) {
  return { id, surveyId: SURVEY, surveyVersion: 1, status: "completed" as const, revision, data: { q: `answer ${revision}` }, currentPage: null, language: "en", progress: 100, createdAt: T0, updatedAt: T0, completedAt: T0 };
}

/** The outbox in memory, with the same rules as src/db/outbox.ts. */
function memoryStore(links: DeviceLink[]): OutboxStore & { entries: Map<string, OutboxEntry>; linkRows: Map<string, DeviceLink> } {
  const entries = new Map<string, OutboxEntry>();
  const linkRows = new Map(links.map((l) => [l.surveyId, { ...l }]));
  const key = (id: string, rev: number) => `${id}#${rev}`;
  return {
    entries,
    linkRows,
    async enqueue(response, at) {
      if (entries.has(key(response.id, response.revision))) return false;
      for (const e of entries.values()) if (e.responseId === response.id && e.state === "queued" && e.revision < response.revision) e.state = "superseded";
      entries.set(key(response.id, response.revision), { responseId: response.id, surveyId: response.surveyId, revision: response.revision, state: "queued", response, queuedAt: at, attempts: 0, lastAttemptAt: null, error: null, receipt: null, conflict: null });
      return true;
    },
    async queued(options = {}) {
      return [...entries.values()].filter((e) => e.state === "queued" || (options.withRejected && e.state === "rejected")).map((e) => structuredClone(e));
    },
    async update(id, rev, patch) {
      Object.assign(entries.get(key(id, rev))!, patch);
    },
    async lastDelivered(id) {
      const d = [...entries.values()].filter((e) => e.responseId === id && e.state === "delivered").map((e) => e.revision);
      return d.length ? Math.max(...d) : null;
    },
    async has(id, rev) {
      return entries.has(key(id, rev));
    },
    async links() {
      return [...linkRows.values()].map((l) => ({ ...l }));
    },
    async link(s) {
      const l = linkRows.get(s);
      return l && { ...l };
    },
    async putLink(l) {
      linkRows.set(l.surveyId, { ...l });
    },
    async updateLink(s, patch) {
      Object.assign(linkRows.get(s)!, patch);
    },
  };
}

const LINK: DeviceLink = { surveyId: SURVEY, token: "sslink_t", label: "Team", expiresAt: "2027-01-01T00:00:00.000Z", boundAt: T0, state: "active", checkedAt: null, latest: 1 };

/** A server: stores (id, revision) once, answers a retry with the first receipt, a different hash with 409. */
function fakeServer() {
  const stored = new Map<string, { hash: string; receipt: Receipt }>();
  const calls: { id: string; revision: number; replaces: number | null; token: string }[] = [];
  let failNext: (() => RemoteError) | undefined;
  let dropAnswers = 0;
  const transport: Transport = {
    async submit(entry, replaces, token) {
      calls.push({ id: entry.responseId, revision: entry.revision, replaces, token });
      if (failNext) {
        const f = failNext;
        failNext = undefined;
        throw f();
      }
      const k = `${entry.responseId}#${entry.revision}`;
      const hash = JSON.stringify(entry.response.data);
      const held = stored.get(k);
      let answer: Receipt;
      if (held && held.hash !== hash) {
        throw new RemoteError("problem", "stored with other content", 409, "revision-conflict", { type: problemType("revision-conflict"), title: "Conflict", status: 409, storedHash: "f".repeat(64), receivedAt: T0 });
      } else if (held) answer = { ...held.receipt, outcome: "identical" };
      else {
        answer = { surveyId: SURVEY, responseId: entry.responseId, revision: entry.revision, contentHash: "a".repeat(64), receivedAt: T0, outcome: "created", current: true };
        stored.set(k, { hash, receipt: answer });
      }
      if (dropAnswers > 0) {
        dropAnswers--;
        throw new RemoteError("network", "the connection dropped");
      }
      return answer;
    },
  };
  return {
    transport,
    stored,
    calls,
    fail(f: () => RemoteError) {
      failNext = f;
    },
    dropNextAnswers(n: number) {
      dropAnswers = n;
    },
  };
}

function problem(code: ProblemCode, status: number) {
  return () => new RemoteError("problem", code, status, code, { type: problemType(code), title: code, status });
}

/** Timers the test runs by hand. */
function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms };
      pending.push(t);
      return t;
    },
    clearTimer: (h: unknown) => {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
}

describe("backoffDelay", () => {
  it("doubles from the base up to the cap, with jitter between half and all of it", () => {
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(2, () => 1)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffDelay(4, () => 1)).toBe(8 * BACKOFF_BASE_MS);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(3, () => 0)).toBe(2 * BACKOFF_BASE_MS);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3);
      expect(d).toBeGreaterThanOrEqual(2 * BACKOFF_BASE_MS);
      expect(d).toBeLessThanOrEqual(4 * BACKOFF_BASE_MS);
    }
  });
});

describe("the sender", () => {
  it("delivers every queued revision once, with the link's token, and keeps the receipts", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    for (const c of ["d", "e", "f"]) await store.enqueue(record(`${c.repeat(8)}-${c.repeat(4)}-4${c.repeat(3)}-8${c.repeat(3)}-${c.repeat(12)}`, 1), T0);
    const sender = createSender({ store, transport: server.transport });
    const r = await sender.flush();
    expect(r).toMatchObject({ outcome: "done", sent: 3, delivered: 3, nextAt: null });
    expect([...store.entries.values()].map((e) => [e.state, e.receipt?.outcome])).toEqual([
      ["delivered", "created"],
      ["delivered", "created"],
      ["delivered", "created"],
    ]);
    expect(server.calls.every((c) => c.token === "sslink_t")).toBe(true);
    // Nothing left: another pass sends nothing.
    expect(await sender.flush()).toMatchObject({ outcome: "idle", sent: 0 });
    expect(server.calls).toHaveLength(3);
  });

  it("after a lost answer retries later; the server's identical receipt marks it delivered, stored once", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    const timers = manualTimers();
    await store.enqueue(record("11111111-1111-4111-8111-111111111111", 1), T0);
    const sender = createSender({ store, transport: server.transport, ...timers, random: () => 0 });
    server.dropNextAnswers(1);
    const first = await sender.flush();
    expect(first.outcome).toBe("unreachable");
    expect(server.stored.size).toBe(1);
    expect([...store.entries.values()][0]).toMatchObject({ state: "queued", attempts: 1, error: { code: "network" } });
    // The back-off timer fires.
    expect(timers.pending).toHaveLength(1);
    timers.pending.shift()!.fn();
    await new Promise((r) => setTimeout(r, 0));
    await sender.flush();
    expect([...store.entries.values()][0]).toMatchObject({ state: "delivered", receipt: { outcome: "identical" } });
    expect(server.stored.size).toBe(1);
  });

  it("backs off longer after each failed pass and starts again from the base after a success", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    const timers = manualTimers();
    await store.enqueue(record("22222222-2222-4222-8222-222222222222", 1), T0);
    const sender = createSender({ store, transport: server.transport, ...timers, random: () => 1 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      server.fail(() => new RemoteError("network", "offline"));
      await sender.flush();
      waits.push(timers.pending.at(-1)!.ms);
    }
    expect(waits).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS, 4 * BACKOFF_BASE_MS, 8 * BACKOFF_BASE_MS]);
    await sender.flush();
    expect(sender.failures()).toBe(0);
    expect(timers.pending).toHaveLength(0);
  });

  it("waits at least what Retry-After says", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    const timers = manualTimers();
    await store.enqueue(record("33333333-3333-4333-8333-333333333333", 1), T0);
    const sender = createSender({ store, transport: server.transport, ...timers, random: () => 0 });
    server.fail(() => new RemoteError("problem", "slow down", 429, "rate-limited", undefined, 120));
    await sender.flush();
    expect(timers.pending[0]!.ms).toBe(120_000);
    expect([...store.entries.values()][0]!.state).toBe("queued");
  });

  it("a 409 revision-conflict keeps both sides: the entry keeps the device's answers and the server's hash and time", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    const id = "44444444-4444-4444-8444-444444444444";
    server.stored.set(`${id}#1`, { hash: "another device's answers", receipt: { surveyId: SURVEY, responseId: id, revision: 1, contentHash: "f".repeat(64), receivedAt: T0, outcome: "created", current: true } });
    await store.enqueue(record(id, 1), T0);
    const sender = createSender({ store, transport: server.transport });
    const r = await sender.flush();
    expect(r.outcome).toBe("done");
    const e = [...store.entries.values()][0]!;
    expect(e.state).toBe("conflict");
    expect(e.response.data).toEqual({ q: "answer 1" });
    expect(e.conflict).toMatchObject({ storedHash: "f".repeat(64), receivedAt: T0 });
    expect(e.conflict?.sentHash).toMatch(/^[0-9a-f]{64}$/);
    // A conflict is not retried by itself.
    await sender.flush();
    expect(server.calls).toHaveLength(1);
  });

  it("a revoked link keeps the responses queued, marks the link, and stops sending that survey's responses until a new link", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    await store.enqueue(record("55555555-5555-4555-8555-555555555555", 1), T0);
    await store.enqueue(record("66666666-6666-4666-8666-666666666666", 1), T0);
    const sender = createSender({ store, transport: server.transport });
    server.fail(problem("link-revoked", 401));
    await sender.flush();
    expect(server.calls).toHaveLength(1);
    expect(store.linkRows.get(SURVEY)!.state).toBe("revoked");
    expect([...store.entries.values()].map((e) => e.state)).toEqual(["queued", "queued"]);
    // Later passes do not knock on a revoked link.
    await sender.flush();
    expect(server.calls).toHaveLength(1);
    // A new link (opened on the device) delivers both.
    await store.putLink({ ...LINK, token: "sslink_new", state: "active" });
    await sender.flush();
    expect([...store.entries.values()].map((e) => e.state)).toEqual(["delivered", "delivered"]);
    expect(server.calls.slice(1).map((c) => c.token)).toEqual(["sslink_new", "sslink_new"]);
  });

  it("a refusal retrying cannot fix is kept as rejected with the server's message; the others go on", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    await store.enqueue(record("77777777-7777-4777-8777-777777777777", 1), T0);
    await store.enqueue(record("88888888-8888-4888-8888-888888888888", 1), T0);
    const sender = createSender({ store, transport: server.transport });
    server.fail(problem("unknown-version", 422));
    await sender.flush();
    expect([...store.entries.values()].map((e) => e.state)).toEqual(["rejected", "delivered"]);
    expect([...store.entries.values()][0]!.error?.code).toBe("unknown-version");
    // Not retried by itself; "send now" tries it again (the version may have been published since).
    await sender.flush();
    expect(server.calls).toHaveLength(2);
    await sender.flush({ force: true });
    expect([...store.entries.values()].map((e) => e.state)).toEqual(["delivered", "delivered"]);
  });

  it("reopen and complete: the next revision replaces the delivered one; an undelivered older revision is superseded, not sent", async () => {
    const store = memoryStore([LINK]);
    const server = fakeServer();
    const id = "99999999-9999-4999-8999-999999999999";
    const sender = createSender({ store, transport: server.transport });
    await store.enqueue(record(id, 1), T0);
    await sender.flush();
    await store.enqueue(record(id, 2), T0);
    await store.enqueue(record(id, 3), T0);
    await sender.flush();
    expect(server.calls.map((c) => [c.revision, c.replaces])).toEqual([
      [1, null],
      [3, 1],
    ]);
    expect([...store.entries.values()].map((e) => [e.revision, e.state])).toEqual([
      [1, "delivered"],
      [2, "superseded"],
      [3, "delivered"],
    ]);
  });

  it("sends nothing for a survey without a link (a device with no server says nothing and sends nothing)", async () => {
    const store = memoryStore([]);
    const server = fakeServer();
    await store.enqueue(record("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", 1), T0);
    const r = await createSender({ store, transport: server.transport }).flush();
    expect(r.outcome).toBe("idle");
    expect(server.calls).toHaveLength(0);
    expect(outboxOverview([], []).hasLinks).toBe(false);
  });

  it("a trigger during a pass runs one more pass after it, never two at once", async () => {
    const store = memoryStore([LINK]);
    let inFlight = 0;
    let most = 0;
    const server = fakeServer();
    const transport: Transport = {
      async submit(entry, replaces, token) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        return server.transport.submit(entry, replaces, token);
      },
    };
    await store.enqueue(record("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", 1), T0);
    const sender = createSender({ store, transport });
    const a = sender.flush();
    await store.enqueue(record("cccccccc-cccc-4ccc-8ccc-cccccccccccc", 1), T0);
    void sender.flush();
    await a;
    await new Promise((r) => setTimeout(r, 20));
    expect(most).toBe(1);
    expect([...store.entries.values()].every((e) => e.state === "delivered")).toBe(true);
    expect(server.calls).toHaveLength(2);
  });
});

describe("deliveryOf", () => {
  const base = { responseId: "r", surveyId: SURVEY, queuedAt: T0, attempts: 1, lastAttemptAt: T0, error: null, receipt: null, conflict: null };
  it("reads the newest revision that is not superseded", () => {
    const receipt: Receipt = { surveyId: SURVEY, responseId: "r", revision: 1, contentHash: "a".repeat(64), receivedAt: "2026-03-02T00:00:00.000Z", outcome: "created", current: true };
    expect(deliveryOf({ id: "r", status: "completed", revision: 1 }, [{ ...base, revision: 1, state: "delivered", receipt }], LINK)).toEqual({ kind: "delivered", revision: 1, at: receipt.receivedAt, reopened: false });
    expect(deliveryOf({ id: "r", status: "draft", revision: 1 }, [{ ...base, revision: 1, state: "delivered", receipt }], LINK)).toMatchObject({ kind: "delivered", reopened: true });
    expect(deliveryOf({ id: "r", status: "completed", revision: 3 }, [{ ...base, revision: 1, state: "delivered", receipt }, { ...base, revision: 2, state: "superseded" }, { ...base, revision: 3, state: "queued" }], LINK)).toEqual({ kind: "waiting", revision: 3 });
    expect(deliveryOf({ id: "r", status: "completed", revision: 1 }, [{ ...base, revision: 1, state: "queued" }], { ...LINK, state: "revoked" })).toEqual({ kind: "link", state: "revoked" });
    expect(deliveryOf({ id: "r", status: "completed", revision: 1 }, [], LINK)).toEqual({ kind: "none" });
  });
});
