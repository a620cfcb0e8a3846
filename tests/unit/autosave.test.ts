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

describe("autosave", () => {
  it("writes every change, coalescing changes made in the same tick", async () => {
    const puts: ResponseRecord[] = [];
    const repository = { put: async (r: ResponseRecord) => void puts.push(r) } as unknown as ResponseRepository;
    const src = fakeSource();
    await createRoot(async (dispose) => {
      const save = createAutosave({ source: src.source, record, repository });
      src.answer({ a: 1 });
      src.answer({ b: 2 });
      await save.flush();
      expect(puts).toHaveLength(1);
      expect(puts[0]?.data).toEqual({ a: 1, b: 2 });
      src.answer({ c: 3 });
      await save.flush();
      expect(puts.at(-1)?.data).toEqual({ a: 1, b: 2, c: 3 });
      expect(save.state()).toBe("saved");
      dispose();
    });
  });

  it("keeps answers after a failed write, says why, and retries until stored", async () => {
    vi.useFakeTimers();
    const stored: ResponseRecord[] = [];
    let fail = true;
    const quota = Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    const repository = {
      put: async (r: ResponseRecord) => {
        if (fail) throw quota;
        stored.push(r);
      },
    } as unknown as ResponseRepository;
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
      expect(stored.at(-1)?.data).toEqual({ a: 1, b: 2 });
      dispose();
    });
    vi.useRealTimers();
  });

  it("describes storage errors in words", () => {
    expect(describeStorageError({ name: "DatabaseClosedError" })).toMatch(/closed/);
    expect(describeStorageError({ name: "AbortError", inner: { name: "QuotaExceededError" } })).toMatch(/full/);
  });
});
