// Property tests: random responses → CSV → parsed back with papaparse (and with our CSV import) → the same values.
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import type { Cell } from "../../src/export/columns.ts";
import { csvToRecords } from "../../src/export/csv-import.ts";
import { needsNeutralizing, unneutralize } from "../../src/export/csv-writer.ts";
import { isPlainNumber } from "../../src/export/formula.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { canonicalJson } from "../../src/export/import-merge.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import type { Delimiter, ExportDefinition, ExportOptions } from "../../src/export/types.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";

interface PapaLike {
  parse(text: string, config: { delimiter?: string; newline?: string; header?: boolean }): { data: string[][]; errors: unknown[] };
}
// papaparse ships no types; only the parse call is used.
const Papa = createRequire(import.meta.url)("papaparse") as PapaLike;

const ROOT = resolve(import.meta.dirname, "../..");
const SURVEYS: SurveyFile[] = readdirSync(join(ROOT, "surveys"))
  .filter((n) => n.endsWith(".json"))
  .sort()
  .map((n) => {
    const parsed = parseSurveyFile(readFileSync(join(ROOT, "surveys", n), "utf8"), n);
    if (!parsed.ok) throw new Error(`${n} does not parse`);
    return parsed.file;
  });

const DELIMS: Record<Delimiter, string> = { comma: ",", semicolon: ";", tab: "\t" };

/** Text that is hard for CSV: Arabic, CJK, emoji (with ZWJ), quotes, delimiters, newlines, formula starts. */
const trickyText = fc.string({
  unit: fc.constantFrom("a", "Z", "7", " ", "é", "م", "ع", "ب", "中", "文", "😀", "👩🏽‍💻", '"', "'", ",", ";", "\t", "\n", "\r\n", "\r", "=", "+", "-", "@", "/", "\u00a0", "\u3000", "\uff1d", "\ufeff", "5", "."),
  maxLength: 24,
});

/** Top-level free-text questions (text without a special input type, comment) of a survey file. */
function freeTextKeys(file: SurveyFile): string[] {
  const out: string[] = [];
  const walk = (elements: unknown) => {
    for (const el of Array.isArray(elements) ? (elements as Record<string, unknown>[]) : []) {
      if (el["type"] === "panel") walk(el["elements"]);
      else if ((el["type"] === "text" && (el["inputType"] ?? "text") === "text") || el["type"] === "comment") out.push(String(el["valueName"] ?? el["name"]));
    }
  };
  for (const page of file.pages!) walk(page["elements"]);
  return out;
}

function expectedText(v: Cell): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return needsNeutralizing(v) ? `'${v}` : v;
}

/** Empty answers ([] or {}) are the same as no answer in a CSV: dropped before comparing. */
function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpty);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = withoutEmpty(x);
    if ((Array.isArray(y) && y.length === 0) || (typeof y === "object" && y !== null && !Array.isArray(y) && Object.keys(y).length === 0)) continue;
    out[k] = y;
  }
  return out;
}

function papaRows(text: string, delimiter: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse(text.slice(1), { delimiter, newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  // A trailing CRLF leaves one empty row.
  const rows = parsed.data;
  if (rows.length > 0 && rows[rows.length - 1]?.length === 1 && rows[rows.length - 1]?.[0] === "") rows.pop();
  return rows;
}

/** Seeded responses with tricky text put into free-text answers and "other" texts. */
const responsesArb = (file: SurveyFile) =>
  fc
    .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), count: fc.integer({ min: 1, max: 6 }), texts: fc.array(trickyText, { minLength: 1, maxLength: 12 }) })
    .map(({ seed, count, texts }) => {
      const keys = freeTextKeys(file);
      let n = 0;
      return generateResponses(file, { count, seed }).map((r) => {
        const data: Record<string, unknown> = { ...r.data };
        for (const k of Object.keys(data)) {
          const next = texts[n++ % texts.length] ?? "";
          if ((keys.includes(k) || k.endsWith("-Comment")) && next !== "") data[k] = next;
        }
        return { ...r, data };
      });
    });

describe.each(SURVEYS.map((f) => [f.id, f] as const))("%s", (_id, file) => {
  const definitions: ExportDefinition[] = [surveyFileToExportDefinition(file)];

  it("CSV → papaparse gives back every cell, in every delimiter", () => {
    fc.assert(
      fc.property(responsesArb(file), fc.constantFrom<Delimiter>("comma", "semicolon", "tab"), (records, delimiter) => {
        const exp = createCsvExport({ surveyId: file.id, definitions, records }, { includeDrafts: true, delimiter });
        const main = exp.files[0];
        if (!main) throw new Error("no main file");
        const expected = [main.header, ...[...main.rows()].map((row) => row.map(expectedText))];
        const text = csvExportToStrings(exp)[0]?.text ?? "";
        expect(papaRows(text, DELIMS[delimiter])).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it("no cell starts with = + - @ (after blanks, or full-width), tab, CR or LF unless it is a number", () => {
    fc.assert(
      fc.property(responsesArb(file), (records) => {
        const exp = createCsvExport({ surveyId: file.id, definitions, records }, { includeDrafts: true });
        const source = [...(exp.files[0]?.rows() ?? [])];
        const parsed = papaRows(csvExportToStrings(exp)[0]?.text ?? "", ",").slice(1);
        let neutralized = 0;
        parsed.forEach((row, r) =>
          row.forEach((cell, c) => {
            const original = source[r]?.[c];
            if (/^[\s\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(cell) || /^[\t\r\n]/.test(cell)) {
              expect(typeof original === "number" || isPlainNumber(cell), `row ${r} column ${c}: ${JSON.stringify(cell)}`).toBe(true);
            }
            if (typeof original === "string" && needsNeutralizing(original)) neutralized++;
          }),
        );
        expect(exp.summary.neutralizedCells).toBe(neutralized);
      }),
      { numRuns: 20 },
    );
  });

  it("CSV → import gives back the same answers", () => {
    fc.assert(
      fc.property(
        responsesArb(file),
        fc.constantFrom<ExportOptions["separator"]>("/", "_", "."),
        fc.constantFrom<ExportOptions["multi"]>("joined", "columns"),
        (records: ResponseRecord[], separator, multi) => {
        const exp = createCsvExport({ surveyId: file.id, definitions, records }, { includeDrafts: true, separator, multi });
        const text = csvExportToStrings(exp)[0]?.text ?? "";
        const back = csvToRecords(text, "export.csv", definitions);
        if (!back.ok) throw new Error(back.problems[0]?.message);
        expect(back.rejected).toEqual([]);
        expect(back.notRestored).toEqual([]);
        const byId = new Map(back.records.map((r) => [r.id, r]));
        for (const r of records) {
          const restored = byId.get(r.id);
          expect(restored, r.id).toBeDefined();
          expect(canonicalJson(restored?.data)).toBe(canonicalJson(withoutEmpty(r.data)));
          expect([restored?.status, restored?.language, restored?.createdAt, restored?.completedAt]).toEqual([r.status, r.language, r.createdAt, r.completedAt]);
        }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("text cells", () => {
  const file = {
    id: "texts",
    version: 1,
    languages: ["en"],
    title: "T",
    pages: [{ elements: [{ type: "text", name: "t" }, { type: "comment", name: "c" }, { type: "text", name: "n", inputType: "number" }] }],
  };
  const definitions: ExportDefinition[] = [{ surveyId: "texts", version: 1, json: file }];
  const rec = (data: Record<string, unknown>, i: number) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    surveyId: "texts",
    surveyVersion: 1,
    status: "completed" as const,
    data,
    language: "ar",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    completedAt: "2026-01-01T00:00:00.000Z",
  });

  it("Arabic, CJK, emoji, quotes, delimiters, newlines and formula starts survive (neutralized)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(trickyText, fc.string({ unit: "grapheme" })), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 8 }), (pairs) => {
        const records = pairs.map(([t, n], i) => rec({ t, c: `=${t}`, n }, i));
        const text = csvExportToStrings(createCsvExport({ surveyId: "texts", definitions, records }))[0]?.text ?? "";
        const rows = papaRows(text, ",").slice(1);
        rows.forEach((row, i) => {
          const [t, n] = pairs[i] as [string, number];
          expect(unneutralize(row[0] ?? "")).toBe(t);
          expect(row[1]).toBe(`'=${t}`);
          expect(Number(row[2])).toBe(n === 0 ? 0 : n);
        });
      }),
      { numRuns: 60 },
    );
  });
});
