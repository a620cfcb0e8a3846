import { describe, expect, it } from "vitest";
import { csvToRecords } from "../../src/export/csv-import.ts";
import { parseCsv } from "../../src/export/csv-reader.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { mergeImport, recordDifferences } from "../../src/export/import-merge.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import {
  compareDefinitionRefs,
  createResponsesFile,
  parseResponsesFile,
  responsesFileToText,
  textToSha256,
} from "../../src/schema/responses-file.ts";
import { definition, fullRecord, KITCHEN_SINK, record } from "./export-fixtures.ts";

const a = fullRecord(record({ respondent: "Ana", role: "staff" })) as ResponseRecord;
const b = fullRecord(record({ respondent: "Ben", areas: ["health"] })) as ResponseRecord;
const c = fullRecord(record({ respondent: "Cai" })) as ResponseRecord;

function fileText(responses: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, responses, ...extra }, null, 2);
}

describe("responses file", () => {
  it("reads a file written by npm run seed (no definitions, no exportedAt)", () => {
    const parsed = parseResponsesFile(fileText([a, b]), "seed.json");
    expect(parsed.ok && parsed.records.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(parsed.ok && parsed.rejected).toEqual([]);
  });

  it("rejects a bad record with a reason, path and line, and keeps the others", () => {
    const bad = { ...b, createdAt: "yesterday" };
    const noId = { ...c, id: 42 };
    const parsed = parseResponsesFile(fileText([a, bad, noId]), "mixed.json");
    if (!parsed.ok) throw new Error("should parse");
    expect(parsed.records.map((r) => r.id)).toEqual([a.id]);
    expect(parsed.rejected).toHaveLength(2);
    expect(parsed.rejected[0]).toMatchObject({ index: 1, id: b.id, path: "responses[1].createdAt" });
    expect(parsed.rejected[0]?.reason).toMatch(/createdAt/);
    expect(parsed.rejected[0]?.line).toBeGreaterThan(1);
    expect(parsed.rejected[1]).toMatchObject({ index: 2, path: "responses[2].id" });
    expect(parsed.rejected[1]?.id).toBeUndefined();
  });

  it("fails the whole file on bad JSON or a wrong envelope, saying where", () => {
    const syntax = parseResponsesFile('{"format": "survey-studio-responses",', "broken.json");
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]).toMatchObject({ file: "broken.json", source: "json" });
    const wrong = parseResponsesFile(JSON.stringify({ format: "other", formatVersion: 2, responses: {} }), "wrong.json");
    if (wrong.ok) throw new Error("should fail");
    expect(wrong.problems.map((p) => p.path)).toEqual(["format", "formatVersion", "responses"]);
    expect(wrong.problems[0]?.message).toContain('"survey-studio-responses"');
    expect(wrong.problems[2]?.line).toBe(1);
  });

  it("writes the records with the hash of each definition they used", async () => {
    const text = JSON.stringify(KITCHEN_SINK);
    const hash = await textToSha256(text);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await textToSha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const file = createResponsesFile([a, b], [
      { surveyId: "kitchen-sink", version: 2, hash },
      { surveyId: "unused", version: 1, hash },
    ], new Date(Date.UTC(2026, 2, 1)));
    expect(file.definitions).toEqual([{ surveyId: "kitchen-sink", version: 2, hash }]);
    const parsed = parseResponsesFile(responsesFileToText(file), "download.json");
    expect(parsed.ok && parsed.definitions).toEqual(file.definitions);
    expect(parsed.ok && parsed.exportedAt).toBe("2026-03-01T00:00:00.000Z");
    expect(compareDefinitionRefs(file.definitions, [{ surveyId: "kitchen-sink", version: 2, hash: "0".repeat(64) }]).different).toHaveLength(1);
    expect(compareDefinitionRefs(file.definitions, []).missing).toEqual(file.definitions);
  });
});

describe("mergeImport", () => {
  it("adds new records, keeps a duplicate once, and reports a changed record as a conflict", () => {
    const editedB = { ...b, data: { ...b.data, respondent: "Benjamin" }, updatedAt: "2026-04-01T00:00:00.000Z" };
    const sameA = JSON.parse(JSON.stringify({ ...a, data: { role: "staff", respondent: "Ana" } })) as ResponseRecord;
    const report = mergeImport([a, b], [sameA, editedB, c]);
    expect(report.added.map((r) => r.id)).toEqual([c.id]);
    expect(report.unchanged.map((r) => r.id)).toEqual([a.id]);
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ existing: b, incoming: editedB, newer: "incoming", differences: ["data.respondent", "updatedAt"] });
    expect(report.rejected).toEqual([]);
  });

  it("stores the same response imported twice (in two files) once", () => {
    const first = mergeImport([], [a, b]);
    const second = mergeImport(first.added, [b, a]);
    expect([first.added.length, second.added.length, second.unchanged.length, second.conflicts.length]).toEqual([2, 0, 2, 0]);
    // Inside one import, a repeated id is compared with its first occurrence.
    const within = mergeImport([], [a, { ...a, status: "draft" as const }]);
    expect([within.added.length, within.conflicts.length]).toEqual([1, 1]);
  });

  it("carries parse rejections and rejects what `accept` refuses, with counts for the report", () => {
    const parsed = parseResponsesFile(fileText([a, { ...b, status: "sent" }, c]), "in.json");
    if (!parsed.ok) throw new Error("should parse");
    const report = mergeImport(new Map([[a.id, a]]), parsed.records, {
      rejected: parsed.rejected,
      accept: (r) => (r.id === c.id ? "the survey kitchen-sink version 2 is not installed" : undefined),
    });
    expect({ added: report.added.length, unchanged: report.unchanged.length, conflicts: report.conflicts.length, rejected: report.rejected.length }).toEqual({
      added: 0,
      unchanged: 1,
      conflicts: 0,
      rejected: 2,
    });
    expect(report.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/status/), "the survey kitchen-sink version 2 is not installed"]);
  });

  it("lists what differs between two versions of a record", () => {
    expect(recordDifferences(a, { ...a, status: "draft", data: { ...a.data, role: "manager", extra: 1 } })).toEqual(["data.extra", "data.role", "status"]);
  });
});

describe("CSV import", () => {
  const defs = [definition(KITCHEN_SINK)];
  const records = [
    record({ respondent: "Ana", age: 30, role: "other", "role-Comment": "Volunteer", areas: ["health", "other"], "areas-Comment": "=Transport", consent: "Y", score: 2 }),
    record({ respondent: "Ben", country: "Mali", "country-Comment": "c", grid: { r1: 1, r2: 2 }, plans: [{ plan: "p" }, { plan: "q", q: "q2" }] }, { status: "draft", completedAt: null }),
  ];

  it("restores records from a CSV exported with names and codes", () => {
    for (const multi of ["joined", "columns"] as const) {
      const text = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records }, { includeDrafts: true, multi, delimiter: "semicolon" }))[0]?.text ?? "";
      const back = csvToRecords(text, "export.csv", defs);
      if (!back.ok) throw new Error(back.problems[0]?.message);
      expect(back.rejected).toEqual([]);
      expect(back.records.map((r) => r.data)).toEqual(records.map((r) => r.data));
      expect(back.records[1]).toMatchObject({ status: "draft", completedAt: null, progress: 0, currentPage: null });
    }
  });

  it("reports what it cannot restore: unknown columns, labels, repeats in other files", () => {
    const labelled = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records }, { values: "labels", repeats: "files" }))[0]?.text ?? "";
    const rows = parseCsv(labelled).rows;
    const withExtra = [[...(rows[0] ?? []), "mystery"], ...rows.slice(1).map((r) => [...r, "?"])].map((r) => r.join(",")).join("\r\n");
    const back = csvToRecords(withExtra, "labels.csv", defs);
    if (!back.ok) throw new Error("should parse");
    expect(back.records).toHaveLength(1);
    expect(back.notRestored).toEqual(
      expect.arrayContaining([
        { column: "mystery", code: "no-question", reason: 'the survey "kitchen-sink" has no question with this name: its values were not imported' },
        { column: "plans", code: "repeat-files", reason: "the entries of this repeat were exported as separate files" },
        expect.objectContaining({ column: "consent", count: 1 }),
      ]),
    );
  });

  it("refuses a CSV without the metadata columns, and rejects rows of unknown surveys", () => {
    const noMeta = csvToRecords("a,b\r\n1,2\r\n", "other.csv", defs);
    expect(noMeta.ok).toBe(false);
    if (!noMeta.ok) expect(noMeta.problems[0]?.message).toMatch(/response_id/);
    const text = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records }))[0]?.text ?? "";
    const back = csvToRecords(text, "x.csv", []);
    expect(back.ok && back.rejected.map((r) => r.reason)).toEqual(['the survey "kitchen-sink" is not installed']);
    const titles = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records }, { headers: "titles" }))[0]?.text ?? "";
    const fromTitles = csvToRecords(titles, "titles.csv", defs);
    expect(fromTitles.ok).toBe(false);
    if (!fromTitles.ok) expect(fromTitles.problems[0]?.message).toMatch(/exported with titles/);
  });
});
