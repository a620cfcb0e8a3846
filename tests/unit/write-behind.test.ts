import { afterEach, describe, expect, it, vi } from "vitest";
import { describeStorageError } from "../../src/responses/storage-failure.ts";
import { flushAllWork, hasUnsavedWork } from "../../src/responses/unsaved-work.ts";
import { createWriteBehind } from "../../src/responses/write-behind.ts";

type Change = Record<string, number>;
const merge = (a: Change, b: Change): Change => ({ ...a, ...b });

/** A store whose writes can be held open and made to fail. */
function fakeStore() {
  const stored: Change = {};
  const writes: Change[] = [];
  let hold: Promise<void> | undefined;
  let release = () => {};
  let fail: unknown;
  return {
    stored,
    writes,
    hold() {
      hold = new Promise((r) => (release = r));
    },
    release: () => release(),
    failWith(e: unknown) {
      fail = e;
    },
    async write(c: Change) {
      writes.push(c);
      if (hold) await hold;
      if (fail) throw fail;
      Object.assign(stored, c);
    },
  };
}

const quota = Object.assign(new Error("quota"), { name: "QuotaExceededError" });
const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.useRealTimers());

describe("write-behind", () => {
  it("writes changes of one task together, and what comes during a write in the next one", async () => {
    const store = fakeStore();
    const w = createWriteBehind<Change>({ write: store.write, merge });
    w.push({ a: 1 });
    w.push({ b: 2 });
    expect(w.state()).toBe("saving");
    store.hold();
    await tick();
    expect(store.writes).toEqual([{ a: 1, b: 2 }]);
    w.push({ c: 3 });
    w.push({ a: 4 });
    await tick();
    // Only one write is in flight; the next waits for it.
    expect(store.writes).toHaveLength(1);
    store.release();
    await w.flush();
    expect(store.writes).toEqual([{ a: 1, b: 2 }, { c: 3, a: 4 }]);
    expect(store.stored).toEqual({ a: 4, b: 2, c: 3 });
    expect(w.state()).toBe("saved");
    w.dispose();
  });

  it("a change made while a write is in flight is never undone by that write finishing", async () => {
    const store = fakeStore();
    const w = createWriteBehind<Change>({ write: store.write, merge });
    store.hold();
    w.push({ status: 0 });
    await tick();
    w.push({ status: 1 });
    store.release();
    await w.flush();
    expect(store.stored).toEqual({ status: 1 });
    w.dispose();
  });

  it("journals what is not stored in the task of the change, and clears it once stored", async () => {
    const store = fakeStore();
    const journal: (Change | "cleared")[] = [];
    const w = createWriteBehind<Change>({ write: store.write, merge, journal: { write: (u) => (journal.push({ ...u }), true), clear: () => journal.push("cleared") } });
    store.hold();
    w.push({ a: 1 });
    await Promise.resolve();
    expect(journal).toEqual([{ a: 1 }]);
    w.push({ b: 2 });
    await Promise.resolve();
    // In flight and queued: both are unconfirmed.
    expect(journal.at(-1)).toEqual({ a: 1, b: 2 });
    expect(w.unconfirmed()).toEqual({ a: 1, b: 2 });
    store.release();
    await w.flush();
    expect(journal.at(-1)).toBe("cleared");
    expect(w.unconfirmed()).toBeUndefined();
    w.dispose();
  });

  it("keeps a failed write's changes ahead of newer ones, says why, and retries with back-off", async () => {
    vi.useFakeTimers();
    const store = fakeStore();
    const w = createWriteBehind<Change>({ write: store.write, merge, retryDelays: [500, 1000] });
    store.failWith(quota);
    w.push({ a: 1, b: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(w.state()).toBe("failed");
    expect(w.failureKind()).toBe("quota");
    expect(w.failure()).toMatch(/storage .* is full/);
    w.push({ b: 2 });
    await vi.advanceTimersByTimeAsync(0);
    // No new write while failed: the retry timer decides.
    expect(store.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(store.writes).toHaveLength(2);
    expect(w.state()).toBe("failed");
    store.failWith(undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.state()).toBe("saved");
    expect(store.writes.at(-1)).toEqual({ a: 1, b: 2 });
    expect(store.stored).toEqual({ a: 1, b: 2 });
    w.dispose();
  });

  it("flush waits for a write in flight and rejects when storage fails", async () => {
    const store = fakeStore();
    const w = createWriteBehind<Change>({ write: store.write, merge, retryDelays: [60_000] });
    store.hold();
    w.push({ a: 1 });
    let done = false;
    const flushed = w.flush().then(() => (done = true));
    await tick();
    expect(done).toBe(false);
    store.release();
    await flushed;
    expect(store.stored).toEqual({ a: 1 });
    store.failWith(quota);
    w.push({ a: 2 });
    await expect(w.flush()).rejects.toThrow(/full/);
    w.dispose();
  });

  it("registers itself as unsaved work: flushAllWork waits for writes held open", async () => {
    const store = fakeStore();
    const w = createWriteBehind<Change>({ write: store.write, merge });
    store.hold();
    w.push({ a: 1 });
    expect(hasUnsavedWork()).toBe(true);
    let result: boolean | undefined;
    const all = flushAllWork().then((r) => (result = r));
    await tick();
    await tick();
    expect(result).toBeUndefined();
    store.release();
    await all;
    expect(result).toBe(true);
    expect(hasUnsavedWork()).toBe(false);
    // Closed with a write pending: it stays unsaved work until the write lands.
    store.hold();
    w.push({ b: 1 });
    w.dispose();
    expect(hasUnsavedWork()).toBe(true);
    store.release();
    await tick();
    expect(hasUnsavedWork()).toBe(false);
    expect(await flushAllWork()).toBe(true);
  });

  it("discard drops what is queued and waits for the write in flight", async () => {
    const store = fakeStore();
    const journal: string[] = [];
    const w = createWriteBehind<Change>({ write: store.write, merge, journal: { write: () => (journal.push("w"), true), clear: () => journal.push("clear") } });
    store.hold();
    w.push({ a: 1 });
    await tick();
    w.push({ a: 2 });
    const discarded = w.discard();
    store.release();
    await discarded;
    expect(store.stored).toEqual({ a: 1 });
    expect(store.writes).toHaveLength(1);
    expect(journal.at(-1)).toBe("clear");
    expect(w.hasUnsavedChanges()).toBe(false);
    w.dispose();
  });

  it("describes storage errors in words", () => {
    expect(describeStorageError({ name: "DatabaseClosedError" })).toMatch(/closed/);
    expect(describeStorageError({ name: "AbortError", inner: { name: "QuotaExceededError" } })).toMatch(/full/);
  });
});
