import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { createCsvExport, planToCsvExport } from "../../src/export/export-csv.ts";
import { planExportFromSource, surveyFileToExportDefinition, type VersionCount } from "../../src/export/plan.ts";
import type { ExportOptions, ExportRecord } from "../../src/export/types.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";

const text = readFileSync(new URL("../../surveys/unct-migration-capacity.json", import.meta.url), "utf8");
const parsed = parseSurveyFile(text, "unct-migration-capacity.json");
if (!parsed.ok) throw new Error("fixture");
const file = parsed.file;

function sorted(records: ExportRecord[]): ExportRecord[] {
  return [...records].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function counts(records: ExportRecord[]): VersionCount[] {
  const m = new Map<number, VersionCount>();
  for (const r of records) {
    const c = m.get(r.surveyVersion) ?? { version: r.surveyVersion, completed: 0, drafts: 0 };
    if (r.status === "completed") c.completed++;
    else c.drafts++;
    m.set(r.surveyVersion, c);
  }
  return [...m.values()];
}

async function* inBatches(records: ExportRecord[], size: number): AsyncGenerator<ExportRecord[]> {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

function concat(chunks: Iterable<Uint8Array>): string {
  const parts: Uint8Array[] = [];
  for (const c of chunks) parts.push(c.slice());
  return Buffer.concat(parts).toString("utf8");
}

describe("export from a source read in batches (the server's database)", () => {
  const records = sorted(generateResponses(file, { count: 60, seed: 9 }));
  records[4] = { ...records[4]!, data: { ...records[4]!.data, not_in_the_survey: "kept" } };
  const definitions = [surveyFileToExportDefinition(file)];

  for (const options of [{}, { includeDrafts: true, multi: "columns", values: "labels" }, { repeats: "files" }] as Partial<ExportOptions>[]) {
    it(`writes the bytes of the in-memory export (${JSON.stringify(options)})`, async () => {
      const expected = createCsvExport({ surveyId: file.id, definitions, records }, options);
      const plan = await planExportFromSource({ surveyId: file.id, definitions, counts: counts(records), batches: () => inBatches(records, 7) }, options);
      expect(plan.records).toEqual([]);
      expect(plan.responseCount).toBe(expected.plan.records.length);
      expect(plan.warnings).toEqual(expected.plan.warnings);
      const exp = planToCsvExport(plan);
      expect(exp.files.map((f) => f.name)).toEqual(expected.files.map((f) => f.name));
      for (const [i, f] of exp.files.entries()) {
        const s = f.stream(1024);
        const chunks: Uint8Array[] = [];
        for await (const batch of inBatches(records, 7)) for (const c of s.write(batch)) chunks.push(c.slice());
        for (const c of s.end()) chunks.push(c.slice());
        expect(concat(chunks)).toBe(concat(expected.files[i]!.bytes()));
      }
      expect(exp.summary.responses).toBe(expected.summary.responses);
      expect(exp.summary.skippedDrafts).toBe(expected.summary.skippedDrafts);
    });
  }
});
