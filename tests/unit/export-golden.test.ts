// Golden files: the CSV and codebook of every shipped survey from seeded responses, byte for byte.
// After an intended change: `npm run golden:update`, then review the diff of tests/golden/ in git.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import type { ExportOptions } from "../../src/export/types.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const GOLDEN = join(ROOT, "tests/golden");
const UPDATE = process.env["GOLDEN_UPDATE"] === "1";

function shippedSurveys(): SurveyFile[] {
  const dir = join(ROOT, "surveys");
  return readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => {
      const parsed = parseSurveyFile(readFileSync(join(dir, n), "utf8"), `surveys/${n}`);
      if (!parsed.ok) throw new Error(`surveys/${n} does not parse: ${parsed.problems[0]?.message}`);
      return parsed.file;
    });
}

/** Where the texts first differ, in words a person can act on. */
function diffHint(name: string, expected: string, actual: string): string {
  const e = expected.split("\r\n");
  const a = actual.split("\r\n");
  let line = 0;
  while (line < Math.max(e.length, a.length) && e[line] === a[line]) line++;
  const el = e[line] ?? "(end of file)";
  const al = a[line] ?? "(end of file)";
  let col = 0;
  while (col < Math.min(el.length, al.length) && el[col] === al[col]) col++;
  return [
    `tests/golden/${name} differs from the export at line ${line + 1}, character ${col + 1}:`,
    `  expected: …${el.slice(Math.max(0, col - 40), col + 80)}`,
    `  actual:   …${al.slice(Math.max(0, col - 40), col + 80)}`,
    `If the change is intended, run \`npm run golden:update\` and review the diff of tests/golden/.`,
  ].join("\n");
}

function checkGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, actual, "utf8");
    return;
  }
  if (!existsSync(path)) throw new Error(`tests/golden/${name} is missing; run \`npm run golden:update\` to create it`);
  const expected = readFileSync(path);
  const bytes = Buffer.from(actual, "utf8");
  if (!expected.equals(bytes)) throw new Error(diffHint(name, expected.toString("utf8"), actual));
}

function exportFiles(file: SurveyFile, options?: Partial<ExportOptions>) {
  const records = generateResponses(file, { count: 30, seed: 7 });
  return csvExportToStrings(createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records }, options));
}

describe("golden CSV and codebook files", () => {
  const surveys = shippedSurveys();

  it("covers every shipped survey", () => {
    expect(surveys.map((s) => s.id)).toEqual(["gfmd-workshop-feedback", "jp-country-progress", "unct-migration-capacity"]);
  });

  for (const file of surveys) {
    it(`${file.id}: default options`, () => {
      const files = exportFiles(file);
      expect(files.map((f) => f.name)).toEqual([`${file.id}.csv`, `${file.id}-codebook.csv`]);
      for (const f of files) checkGolden(f.name, f.text);
    });
  }

  it("unct-migration-capacity: Arabic titles and labels", () => {
    const file = surveys.find((s) => s.id === "unct-migration-capacity") as SurveyFile;
    const [csv] = exportFiles(file, { headers: "titles", values: "labels", language: "ar" });
    checkGolden("unct-migration-capacity-ar-titles-labels.csv", csv?.text ?? "");
    expect(csv?.text).toContain("في أي بلد يعمل فريق الأمم المتحدة القطري الذي تنتمي إليه؟");
  });

  it("jp-country-progress: one column per choice and repeats as files", () => {
    const file = surveys.find((s) => s.id === "jp-country-progress") as SurveyFile;
    const files = exportFiles(file, { multi: "columns", repeats: "files", separator: "_" });
    expect(files.map((f) => f.name)).toEqual([
      "jp-country-progress.csv",
      "jp-country-progress-activities.csv",
      "jp-country-progress-planned.csv",
      "jp-country-progress-codebook.csv",
    ]);
    for (const f of files) checkGolden(`jp-country-progress-files/${f.name}`, f.text);
  });
});
