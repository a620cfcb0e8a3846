import { describe, expect, it } from "vitest";
import { responseProgress } from "../../src/schema/response-rules.ts";
import { applyResponseChange, mergeResponseChanges, type ResponseChange } from "../../src/schema/response-change.ts";
import { responseRecordInputSchema, type ResponseRecord } from "../../src/schema/response.ts";

const parseResponseRecord = (input: unknown) => responseRecordInputSchema.parse(input);

const base = (over: Partial<ResponseRecord> = {}): ResponseRecord => ({
  id: "9b2f2a4e-1c1d-4b8e-8f3a-2d8c4e5f6a7b",
  surveyId: "s",
  surveyVersion: 1,
  status: "draft",
  revision: 0,
  data: { a: 1, b: "x" },
  currentPage: "p1",
  language: "en",
  progress: 33,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  completedAt: null,
  ...over,
});
const change = (over: Partial<ResponseChange> = {}): ResponseChange => ({ set: {}, unset: [], meta: {}, at: "2026-01-02T00:00:00.000Z", ...over });

describe("a response change", () => {
  it("sets and removes only the answers and fields it names", () => {
    const { record } = applyResponseChange(base(), change({ set: { c: [1, 2], a: 2 }, unset: ["b"], meta: { currentPage: "p2" } }));
    expect(record).toMatchObject({ data: { a: 2, c: [1, 2] }, currentPage: "p2", language: "en", progress: 33, updatedAt: "2026-01-02T00:00:00.000Z" });
  });

  it("never writes __proto__ and never moves updatedAt back", () => {
    const set = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const { record } = applyResponseChange(base({ updatedAt: "2026-02-01T00:00:00.000Z" }), change({ set }));
    expect(record.data).toEqual({ a: 1, b: "x", ok: 1 });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(record.updatedAt).toBe("2026-02-01T00:00:00.000Z");
  });

  it("merged in order, the later change wins for every answer and field", () => {
    const m = mergeResponseChanges(change({ set: { a: 1, b: 1 }, meta: { status: "completed", completedAt: "2026-01-02T00:00:00.000Z", currentPage: "p3" } }), change({ set: { a: 2 }, unset: ["b"], meta: { status: "draft", completedAt: null }, at: "2026-01-03T00:00:00.000Z" }));
    expect(m).toEqual({ set: { a: 2 }, unset: ["b"], meta: { status: "draft", completedAt: null, currentPage: "p3" }, at: "2026-01-03T00:00:00.000Z" });
    const back = mergeResponseChanges(m, change({ set: { b: 5 } }));
    expect(back.unset).toEqual([]);
    expect(back.set).toEqual({ a: 2, b: 5 });
  });

  it("each new completion adds a revision; storing the same completion again does not; reopening keeps it", () => {
    const done = (at: string) => change({ meta: { status: "completed", completedAt: at, progress: 100 }, at });
    let r = applyResponseChange(base(), done("2026-01-02T00:00:00.000Z"));
    expect(r.newRevision).toBe(true);
    expect(r.record).toMatchObject({ status: "completed", revision: 1, completedAt: "2026-01-02T00:00:00.000Z", progress: 100 });
    r = applyResponseChange(r.record, done("2026-01-02T00:00:00.000Z"));
    expect(r.newRevision).toBe(false);
    expect(r.record.revision).toBe(1);
    r = applyResponseChange(r.record, change({ meta: { status: "draft", completedAt: null }, at: "2026-01-03T00:00:00.000Z" }));
    expect(r.record).toMatchObject({ status: "draft", revision: 1, completedAt: null });
    r = applyResponseChange(r.record, done("2026-01-04T00:00:00.000Z"));
    expect(r.record).toMatchObject({ status: "completed", revision: 2 });
    // Reopened and completed again in one write (while storage was failing): one new completed state.
    r = applyResponseChange(r.record, mergeResponseChanges(change({ meta: { status: "draft", completedAt: null } }), done("2026-01-05T00:00:00.000Z")));
    expect(r.record).toMatchObject({ status: "completed", revision: 3, completedAt: "2026-01-05T00:00:00.000Z" });
  });

  it("records without a revision (older files and exports) get the one their status implies", () => {
    const { revision: _r, ...old } = base({ status: "completed", completedAt: "2026-01-02T00:00:00.000Z" });
    expect(parseResponseRecord(old).revision).toBe(1);
    const { revision: _d, ...draft } = base();
    expect(parseResponseRecord(draft).revision).toBe(0);
    expect(parseResponseRecord(base({ revision: 4 })).revision).toBe(4);
    expect(() => parseResponseRecord({ ...base(), revision: -1 })).toThrow();
  });
});

describe("progress", () => {
  it("is the share of pages reached, the same for the list and the fill page; 100 once completed", () => {
    expect(responseProgress("draft", 0, 3)).toBe(33);
    expect(responseProgress("draft", 2, 3)).toBe(100);
    expect(responseProgress("draft", 0, 0)).toBe(0);
    expect(responseProgress("completed", 0, 3)).toBe(100);
  });
});
