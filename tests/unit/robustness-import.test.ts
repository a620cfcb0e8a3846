/**
 * Hostile and broken responses files: mutated records (wrong types, missing fields, bad ids,
 * `__proto__` keys, huge strings, duplicates, newer and older copies of stored responses) go
 * through parseResponsesFile and mergeImport. Never an exception; every bad record is rejected
 * on its own with a reason and a path; a record that differs from a stored one is always a
 * conflict, never a silent overwrite.
 *
 * Sized in property-runs.ts: a count in `npm run test:unit`, a time budget in `npm run test:soak`.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { canonicalJson, mergeImport } from "../../src/export/import-merge.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseResponsesFile } from "../../src/schema/responses-file.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { checkProperty, timeoutFor, type RunSize } from "./property-runs.ts";

const SIZE: RunSize = { runs: 300, soakSeconds: 60, caseSeconds: 5 };
const parsed = parseSurveyFile(readFileSync("surveys/gfmd-workshop-feedback.json", "utf8"), "gfmd");
if (!parsed.ok) throw new Error("survey does not parse");
const STORED: ResponseRecord[] = generateResponses(parsed.file, { count: 12, seed: 5 });

type Mut =
  | { kind: "field"; field: string; value: unknown }
  | { kind: "delete"; field: string }
  | { kind: "data"; key: string; value: unknown }
  | { kind: "newer" }
  | { kind: "older" }
  | { kind: "same" }
  | { kind: "fresh" }
  | { kind: "not-object"; value: unknown };

const FIELDS = ["id", "surveyId", "surveyVersion", "status", "data", "currentPage", "language", "progress", "createdAt", "updatedAt", "completedAt"];
const WRONG = [null, 1, -5, Number.MAX_VALUE * 10, "", "x", [], {}, true, "2026-13-45T00:00:00Z", "not-a-uuid", "x".repeat(100_000)];
const mutArb: fc.Arbitrary<Mut> = fc.oneof(
  fc.record({ kind: fc.constant("field" as const), field: fc.constantFrom(...FIELDS), value: fc.constantFrom(...WRONG) }),
  fc.record({ kind: fc.constant("delete" as const), field: fc.constantFrom(...FIELDS) }),
  // A `__proto__` key holding `{ polluted: true }`: a naive merge of it would show on every object.
  fc.record({ kind: fc.constant("data" as const), key: fc.constantFrom("__proto__", "constructor", "=cmd", "q", ""), value: fc.oneof(fc.constant({ polluted: true }), fc.jsonValue({ maxDepth: 3 })) }),
  fc.constant({ kind: "newer" as const }),
  fc.constant({ kind: "older" as const }),
  fc.constant({ kind: "same" as const }),
  fc.constant({ kind: "fresh" as const }),
  fc.record({ kind: fc.constant("not-object" as const), value: fc.constantFrom(null, 1, "record", [], [1]) }),
);

const stats = { files: 0, records: 0, rejected: 0, conflicts: 0, added: 0, unchanged: 0 };
afterAll(() => console.log(`[robustness] imports tried: ${stats.files} files, ${stats.records} records (${stats.rejected} rejected with a reason, ${stats.conflicts} conflicts shown, ${stats.added} added, ${stats.unchanged} unchanged), nothing overwritten silently`));

describe("hostile responses files", () => {
  it("bad records are rejected one by one, and nothing stored is overwritten silently", () => {
    checkProperty(
      "hostile responses files",
      fc.property(fc.array(fc.tuple(fc.nat(STORED.length - 1), fc.array(mutArb, { maxLength: 3 })), { minLength: 1, maxLength: 15 }), fc.boolean(), (items, proto) => {
        const responses: unknown[] = items.map(([i, muts]) => {
          let r: unknown = structuredClone(STORED[i]!);
          for (const m of muts) {
            const o = r as Record<string, unknown>;
            if (typeof r !== "object" || r === null || Array.isArray(r)) break;
            if (m.kind === "field") o[m.field] = m.value;
            else if (m.kind === "delete") delete o[m.field];
            else if (m.kind === "data" && o["data"] && typeof o["data"] === "object") (o["data"] as Record<string, unknown>)[m.key === "__proto__" ? "__proto_mark__" : m.key] = m.value;
            else if (m.kind === "newer") o["updatedAt"] = "2027-01-01T00:00:00.000Z";
            else if (m.kind === "older") o["updatedAt"] = "2020-01-01T00:00:00.000Z";
            else if (m.kind === "fresh") o["id"] = crypto.randomUUID();
            else if (m.kind === "not-object") r = m.value;
          }
          return r;
        });
        let text = JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, exportedAt: "2026-05-01T00:00:00.000Z", responses });
        if (proto) text = text.replaceAll('"__proto_mark__"', '"__proto__"');
        stats.files++;
        stats.records += responses.length;
        const result = parseResponsesFile(text, "import.json");
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.records.length + result.rejected.length).toBe(responses.length);
        for (const r of result.rejected) {
          expect(r.reason.length).toBeGreaterThan(3);
          expect(r.path).toMatch(/^responses\[\d+\]/);
        }
        stats.rejected += result.rejected.length;
        const report = mergeImport(STORED, result.records, { rejected: result.rejected });
        const storedById = new Map(STORED.map((s) => [s.id, s]));
        for (const a of report.added) expect(storedById.has(a.id)).toBe(false);
        for (const u of report.unchanged) {
          const s = storedById.get(u.id);
          if (s) expect(canonicalJson(u)).toBe(canonicalJson(s));
        }
        for (const c of report.conflicts) expect(canonicalJson(c.incoming)).not.toBe(canonicalJson(c.existing));
        // Every accepted record that differs from the stored one with its id is a conflict.
        for (const r of result.records) {
          const s = storedById.get(r.id);
          if (s && canonicalJson(s) !== canonicalJson(r)) expect(report.conflicts.some((c) => c.incoming === r)).toBe(true);
        }
        stats.conflicts += report.conflicts.length;
        stats.added += report.added.length;
        stats.unchanged += report.unchanged.length;
        expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      }),
      SIZE,
      { seed: 31 },
    );
  }, timeoutFor(SIZE));

  it("a broken or foreign file is refused as a whole with its location", () => {
    for (const text of ["", "{", "[]", '{"format":"other","formatVersion":1,"responses":[]}', '{"format":"survey-studio-responses","formatVersion":2,"responses":[]}', `{"format":"survey-studio-responses","formatVersion":1,"definitions":${"[".repeat(10_000)}${"]".repeat(10_000)},"responses":[]}`]) {
      stats.files++;
      const r = parseResponsesFile(text, "bad.json");
      expect(r.ok).toBe(false);
      if (!r.ok) for (const p of r.problems) expect(p.message.length).toBeGreaterThan(3);
    }
  });

  it("a record nested 10,000 levels deep is rejected alone; the records around it are kept", () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const text = `{"format":"survey-studio-responses","formatVersion":1,"responses":[${JSON.stringify(STORED[0])},\n${deep},\n{"id":${"[".repeat(70)}${"]".repeat(70)}},${JSON.stringify(STORED[1])}]}`;
    stats.files++;
    const r = parseResponsesFile(text, "deep.json");
    if (!r.ok) throw new Error(r.problems[0]?.message);
    expect(r.records.map((x) => x.id)).toEqual([STORED[0]!.id, STORED[1]!.id]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ index: 1, line: 2, path: "responses[1]", reason: expect.stringContaining("more than 64 levels deep") }),
      expect.objectContaining({ index: 2, line: 3, path: "responses[2]", reason: expect.stringContaining("more than 64 levels deep") }),
    ]);
  });
});
