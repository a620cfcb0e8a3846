import { createRoot } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { createAutosave, describeStorageError } from "../../src/app/autosave.ts";
import type { ResponseRepository } from "../../src/db/repository.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import type { SessionSnapshot } from "../../src/survey/create-survey-session.ts";

const record: ResponseRecord = {
  id: "9b2f2a4e-1c1d-4b8e-8f3a-2d8c4e5f6a7b",
  surveyId: "s",
  surveyVersion: 1,
  status: "draft",
  data: {},
  currentPage: null,
  language: "en",
  progress: 0,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  completedAt: null,
};

function fakeSource() {
  let snap: SessionSnapshot = { data: {}, currentPage: "p1", language: "en", progress: 0 };
  const listeners = new Set<() => void>();
  return {
    source: { snapshot: () => snap, onChange: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) },
    answer(data: Record<string, unknown>) {
      snap = { ...snap, data: { ...snap.data, ...data } };
      listeners.forEach((l) => l());
    },
  };
}

/** The repository's write as the app's Dexie repository does it: only the answer keys named are written. */
function fakeRepository(fail: () => unknown = () => undefined) {
  const writes: { data: Record<string, unknown>; keys: readonly string[] }[] = [];
  let stored: Record<string, unknown> = {};
  const repository = {
    putMerged: async (r: ResponseRecord, keys: readonly string[]) => {
      const error = fail();
      if (error) throw error;
      writes.push({ data: r.data, keys });
      stored = { ...stored };
      for (const k of keys) {
        if (r.data[k] === undefined) delete stored[k];
        else stored[k] = r.data[k];
      }
      return { ...r, data: stored };
    },
  } as unknown as ResponseRepository;
  return { repository, writes, stored: () => stored };
}

describe("autosave", () => {
  it("writes every change, coalescing changes made in the same tick, each write with the keys it changed", async () => {
    const { repository, writes, stored } = fakeRepository();
    const src = fakeSource();
    await createRoot(async (dispose) => {
      const save = createAutosave({ source: src.source, record, repository });
      src.answer({ a: 1 });
      src.answer({ b: 2 });
      await save.flush();
      expect(writes).toEqual([{ data: { a: 1, b: 2 }, keys: ["a", "b"] }]);
      src.answer({ c: 3 });
      await save.flush();
      expect(writes.at(-1)?.keys).toEqual(["c"]);
      expect(stored()).toEqual({ a: 1, b: 2, c: 3 });
      expect(save.state()).toBe("saved");
      dispose();
    });
  });

  it("keeps answers after a failed write, says why, and retries until stored", async () => {
    vi.useFakeTimers();
    let fail = true;
    const quota = Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    const { repository, stored } = fakeRepository(() => (fail ? quota : undefined));
    const src = fakeSource();
    await createRoot(async (dispose) => {
      const save = createAutosave({ source: src.source, record, repository });
      src.answer({ a: 1 });
      await vi.advanceTimersByTimeAsync(0);
      expect(save.state()).toBe("failed");
      expect(save.failure()).toMatch(/storage .* is full/);
      src.answer({ b: 2 });
      fail = false;
      await vi.advanceTimersByTimeAsync(1000);
      expect(save.state()).toBe("saved");
      expect(stored()).toEqual({ a: 1, b: 2 });
      dispose();
    });
    vi.useRealTimers();
  });

  it("describes storage errors in words", () => {
    expect(describeStorageError({ name: "DatabaseClosedError" })).toMatch(/closed/);
    expect(describeStorageError({ name: "AbortError", inner: { name: "QuotaExceededError" } })).toMatch(/full/);
  });
});
