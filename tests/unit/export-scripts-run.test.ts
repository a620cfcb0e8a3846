// The label scripts run in the real tools: R (Debian's r-base-core) and GNU PSPP (Debian's pspp, for
// the SPSS syntax) load the shipped surveys' golden exports, and every value and label they end up
// with is compared with the export's own cells. Stata has no free checker: see export-scripts.test.ts.
// `.ci/run` installs both tools; when one is missing these tests fail with the command to install it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import type { Cell } from "../../src/export/columns.ts";
import { createCsvExport, csvExportToStrings, type CsvExport } from "../../src/export/export-csv.ts";
import { csvExportToScriptModel, csvExportToScripts } from "../../src/export/label-scripts.ts";
import { packageName, packageNames } from "../../src/export/package-names.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import { cutLabel, type ScriptModel, type ScriptVariable } from "../../src/export/script-model.ts";
import type { ExportOptions } from "../../src/export/types.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";

interface PapaLike {
  parse(text: string, config: { delimiter?: string; newline?: string }): { data: string[][] };
}
const Papa = createRequire(import.meta.url)("papaparse") as PapaLike;

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "label-scripts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tool(command: string, pkg: string): string {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  if (found.status !== 0) throw new Error(`${command} is not installed; install it with: apt-get install -y ${pkg} (as .ci/run does)`);
  return found.stdout.trim();
}

const SURVEYS: SurveyFile[] = ["gfmd-workshop-feedback", "jp-country-progress", "unct-migration-capacity"].map((id) => {
  const p = parseSurveyFile(readFileSync(join(ROOT, "surveys", `${id}.json`), "utf8"), id);
  if (!p.ok) throw new Error(`${id} does not parse`);
  return p.file;
});

/** Text that each tool must get back exactly: formula starts, quotes, delimiters, line breaks, backslashes, other scripts. */
const TRICKY = ["=1+1", "-5", "'=x", "@home", "line one\nline two", "a\\nb \\ c", 'say "yes"; or, no', " =cmd", "中文 — ع", "\r\nstarts with a break", "''-7"];

function withTrickyText(records: ResponseRecord[]): ResponseRecord[] {
  let n = 0;
  return records.map((r) => {
    const data: Record<string, unknown> = { ...r.data };
    for (const [k, v] of Object.entries(data)) {
      // Amounts with decimals, for the decimal comma.
      if (typeof v === "number" && k.startsWith("fin_")) data[k] = v + (n % 7) / 8 + 0.125;
      if (typeof v === "string" && (k.endsWith("-Comment") || /notes|comment|detail|suggest|recommend|pending|conditions/.test(k))) data[k] = TRICKY[n++ % TRICKY.length];
    }
    return { ...r, data };
  });
}

interface Run {
  name: string;
  exp: CsvExport;
  model: ScriptModel;
  folder: string;
}

/** Writes the export's files and scripts into a folder of their own. */
function prepare(name: string, file: SurveyFile, options: Partial<ExportOptions>, tricky: boolean, golden?: Record<string, string>): Run {
  const base = generateResponses(file, { count: 30, seed: 7 });
  const records = tricky ? withTrickyText(base) : base;
  const exp = createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records }, { ...options, scripts: ["r", "stata", "spss"] });
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const f of csvExportToStrings(exp)) {
    const goldenPath = golden?.[f.name];
    if (goldenPath) {
      // The scripts run on the golden files themselves, which must be what this export wrote.
      expect(readFileSync(join(ROOT, goldenPath), "utf8"), goldenPath).toBe(f.text);
      copyFileSync(join(ROOT, goldenPath), join(folder, f.name));
    } else writeFileSync(join(folder, f.name), f.text);
  }
  for (const s of csvExportToScripts(exp)) writeFileSync(join(folder, s.name), [...s.chunks()].join(""));
  return { name, exp, model: csvExportToScriptModel(exp), folder };
}

function distinctLabels(v: ScriptVariable): Map<string, string> {
  const count = new Map<string, number>();
  for (const c of v.codes) count.set(c.label, (count.get(c.label) ?? 0) + 1);
  return new Map(v.codes.map((c) => [c.code, (count.get(c.label) ?? 0) > 1 ? `${c.label} (${c.code})` : c.label]));
}

/** The cell as the data set should hold it, written as text (undefined: missing). */
function expectedText(v: ScriptVariable, cell: Cell, labels: Map<string, string>, decimalComma: boolean): string | undefined {
  if (cell === undefined || cell === null || cell === "") return undefined;
  if (v.kind === "codes") {
    const code = typeof cell === "number" && decimalComma ? String(cell).replace(".", ",") : String(cell);
    return labels.get(code) ?? code;
  }
  return String(cell);
}

function sameNumber(a: string, b: string): boolean {
  const x = Number(a.replace(",", "."));
  const y = Number(b.replace(",", "."));
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
}

function checkR(run: Run): void {
  const rscript = tool("Rscript", "r-base-core");
  const objects = run.model.tables.map((t) => packageName(t.name.replace(/-/g, "_"), "r"));
  const check = [
    `source(${JSON.stringify(`${run.exp.plan.fileBase}.R`)}, encoding = "UTF-8")`,
    `rows <- list()`,
    `for (obj in c(${objects.map((o) => JSON.stringify(o)).join(", ")})) {`,
    `  d <- get(obj)`,
    `  for (n in names(d)) {`,
    `    x <- d[[n]]`,
    `    v <- if (inherits(x, "POSIXct")) format(x, "%Y-%m-%dT%H:%M:%OS3Z", tz = "UTC") else if (inherits(x, "Date")) format(x, "%Y-%m-%d") else if (is.numeric(x)) format(x, digits = 15, scientific = FALSE, trim = TRUE) else as.character(x)`,
    `    lab <- attr(x, "label")`,
    `    rows[[length(rows) + 1]] <- data.frame(obj = obj, var = n, class = class(x)[1], label = if (is.null(lab)) NA else lab,`,
    `      levels = paste(levels(x), collapse = "|"), row = seq_along(v), value = v, missing = is.na(x), stringsAsFactors = FALSE)`,
    `  }`,
    `}`,
    `write.csv(do.call(rbind, rows), "r-out.csv", row.names = FALSE, fileEncoding = "UTF-8")`,
  ].join("\n");
  writeFileSync(join(run.folder, "check.R"), check);
  const r = spawnSync(rscript, ["--vanilla", "check.R"], { cwd: run.folder, encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
  expect(r.status, `${run.name}: Rscript failed:\n${r.stderr}`).toBe(0);
  const [header, ...rows] = Papa.parse(readFileSync(join(run.folder, "r-out.csv"), "utf8"), { newline: "\n" }).data.filter((x) => x.length > 1);
  const col = (name: string) => (header ?? []).indexOf(name);
  const got = new Map<string, string[]>();
  for (const row of rows) got.set(`${row[col("obj")]}\u0000${row[col("var")]}\u0000${row[col("row")]}`, row);

  const decimalComma = run.exp.plan.options.decimalMark === ",";
  run.model.tables.forEach((table, t) => {
    const obj = objects[t] as string;
    const names = packageNames(table.variables.map((v) => v.column), "r").names;
    const cells = [...(run.exp.files[t]?.rows() ?? [])];
    table.variables.forEach((v, i) => {
      const labels = distinctLabels(v);
      cells.forEach((cells_, k) => {
        const row = got.get(`${obj}\u0000${names[i]}\u0000${k + 1}`);
        const where = `${run.name}: ${obj}$${names[i]} row ${k + 1}`;
        expect(row, where).toBeDefined();
        if (!row) return;
        expect(row[col("label")], `${where}: label`).toBe(v.label);
        const cls = row[col("class")];
        const expectedClass = v.kind === "codes" ? (v.ordered ? "ordered" : "factor") : v.kind === "flag" && v.numeric ? "integer" : v.kind === "date" && v.datesValid && !v.numeric ? "Date" : v.kind === "datetime" && v.datesValid ? "POSIXct" : v.numeric ? "numeric" : "character";
        expect(cls, `${where}: class`).toBe(expectedClass);
        // R's read.csv reads a CR or CRLF inside a quoted cell as LF (see /work/shared/csv-notes.md).
        const want = expectedText(v, cells_[i], labels, decimalComma)?.replace(/\r\n?/g, "\n");
        if (want === undefined) {
          expect(row[col("missing")], `${where}: missing`).toBe("TRUE");
          return;
        }
        expect(row[col("missing")], `${where}: not missing (${JSON.stringify(want)})`).toBe("FALSE");
        const value = row[col("value")] ?? "";
        if (cls === "numeric" || cls === "integer") expect(sameNumber(value, want), `${where}: ${value} ≠ ${want}`).toBe(true);
        else expect(value, where).toBe(want);
      });
    });
  });
}

/** PSPP's text of a value: SAVE TRANSLATE writes labels for labelled values, US dates, trimmed strings. */
function psppExpected(v: ScriptVariable, cell: Cell, labels: Map<string, string>, selected: ScriptModel["selected"], decimalComma: boolean): string {
  if (cell === undefined || cell === null || cell === "") return "";
  if (v.kind === "flag" && v.numeric) return cell === 1 ? selected.yes : selected.no;
  if (v.kind === "codes") {
    const code = typeof cell === "number" && decimalComma ? String(cell).replace(".", ",") : String(cell);
    return labels.get(code) ?? code;
  }
  const s = String(cell);
  if (v.kind === "date" && v.datesValid && !v.numeric) return `${s.slice(5, 7)}/${s.slice(8, 10)}/${s.slice(0, 4)}`;
  if (v.kind === "datetime" && v.datesValid && !v.numeric) return `${s.slice(5, 7)}/${s.slice(8, 10)}/${s.slice(0, 4)} ${s.slice(11, 19)}`;
  // SPSS strings lose trailing blanks; PSPP's CSV writer writes a CR before a LF as the LF alone (the
  // value itself keeps it: its LENGTH counts it).
  return s.replace(/ +$/, "").replace(/\r\n/g, "\n");
}

function checkPspp(run: Run): void {
  const pspp = tool("pspp", "pspp");
  const names = run.model.tables.map((t) => packageNames(t.variables.map((v) => v.column), "spss").names);
  const datasets = run.model.tables.map((t) => `ds_${packageNames([t.name.replace(/-/g, "_")], "spss").names[0]}`.slice(0, 60));
  const syntax = [
    readFileSync(join(run.folder, `${run.exp.plan.fileBase}.sps`), "utf8"),
    ...datasets.flatMap((ds, t) => [`DATASET ACTIVATE ${ds}.`, `DISPLAY DICTIONARY.`, `SAVE TRANSLATE /OUTFILE="pspp-out-${t}.csv" /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.`]),
  ].join("\n");
  writeFileSync(join(run.folder, "check.sps"), syntax);
  const r = spawnSync(pspp, ["check.sps", "-o", "pspp-dict.csv"], { cwd: run.folder, encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
  expect(r.status, `${run.name}: pspp failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  expect(`${r.stdout}${r.stderr}`, `${run.name}: pspp reported problems`).not.toMatch(/error|warning/i);

  // Variable labels from DISPLAY DICTIONARY (one "Variables" table per data set, in order).
  const dict = readFileSync(join(run.folder, "pspp-dict.csv"), "utf8");
  const variableTables = dict.split(/^Table: Variables$/m).slice(1);
  const decimalComma = run.exp.plan.options.decimalMark === ",";
  run.model.tables.forEach((table, t) => {
    const rows = Papa.parse((variableTables[t] ?? "").split(/^Table: /m)[0]?.trim() ?? "", { newline: "\n" }).data;
    const labelOf = new Map(rows.slice(1).map((row) => [row[0], row[2]]));
    const out = Papa.parse(readFileSync(join(run.folder, `pspp-out-${t}.csv`), "utf8"), { newline: "\n" }).data;
    const [header, ...data] = out;
    expect(header, `${run.name}: names of table ${t}`).toEqual(names[t]);
    const cells = [...(run.exp.files[t]?.rows() ?? [])];
    expect(data.filter((row) => row.length > 1), `${run.name}: rows of table ${t}`).toHaveLength(cells.length);
    table.variables.forEach((v, i) => {
      const name = names[t]?.[i] as string;
      expect(labelOf.get(name), `${run.name}: label of ${name}`).toBe(cutLabel(v.label, 255, "bytes"));
      // SPSS value labels are cut to its 120 bytes (R's factor labels get the code added when two are alike).
      const plain = new Map(v.codes.map((c) => [c.code, cutLabel(c.label, 120, "bytes")]));
      cells.forEach((row, k) => {
        const got = (data[k]?.[i] ?? "").replace(/^ +$/, "");
        const want = psppExpected(v, row[i], plain, run.model.selected, decimalComma);
        const where = `${run.name}: ${name} row ${k + 1}`;
        if ((v.numeric && v.kind !== "codes" && v.kind !== "flag") || (v.kind === "codes" && v.numeric && want !== "" && !plain.has(String(row[i])))) {
          expect(got === want || sameNumber(got, want), `${where}: ${got} ≠ ${want}`).toBe(true);
        } else expect(got, where).toBe(want);
      });
    });
  });
}

const runs: Run[] = [];
describe("label scripts in R and PSPP", { timeout: 60_000 }, () => {
  for (const file of SURVEYS) {
    it(`${file.id}: the golden export`, () => {
      const run = prepare(`${file.id}-golden`, file, {}, false, { [`${file.id}.csv`]: `tests/golden/${file.id}.csv` });
      runs.push(run);
      checkR(run);
      checkPspp(run);
    });
  }

  it("jp-country-progress: the golden export with repeats as files and one column per choice", () => {
    const file = SURVEYS[1] as SurveyFile;
    const names = ["jp-country-progress.csv", "jp-country-progress-activities.csv", "jp-country-progress-planned.csv"];
    const run = prepare("jp-files", file, { multi: "columns", repeats: "files", separator: "_" }, false, Object.fromEntries(names.map((n) => [n, `tests/golden/jp-country-progress-files/${n}`])));
    expect(run.model.tables).toHaveLength(3);
    checkR(run);
    checkPspp(run);
  });

  SURVEYS.forEach((file, n) => {
    const language = ["zh", "ru", "ar"][n] as string;
    it(`${file.id}: formula starts, line breaks, backslashes, semicolons and a decimal comma, labels in ${language}`, () => {
      const run = prepare(`${file.id}-tricky`, file, { delimiter: "semicolon", decimalMark: ",", language, multi: "columns" }, true);
      const text = csvExportToStrings(run.exp)[0]?.text ?? "";
      expect(text).toContain("'=1+1");
      expect(text).toMatch(/"line one\r?\nline two"/);
      if (file.id === "jp-country-progress") expect(text).toMatch(/;\d+,\d+;/);
      checkR(run);
      checkPspp(run);
    });
  });
});
