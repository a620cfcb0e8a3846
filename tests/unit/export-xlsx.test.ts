// The Excel workbook, read back with another library (SheetJS) and every cell checked against the
// export's own cells: numbers are numbers, dates are dates, text is a string and never a formula.
import * as XLSX from "@e965/xlsx";
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import type { Cell } from "../../src/export/columns.ts";
import { createCsvExport, type CsvExport } from "../../src/export/export-csv.ts";
import { runExportJob, type ExportJobMessage } from "../../src/export/export-job.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import type { ExportOptions } from "../../src/export/types.ts";
import { sheetName, writeXlsx, XLSX_MIME } from "../../src/export/xlsx.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SURVEYS: SurveyFile[] = ["gfmd-workshop-feedback", "jp-country-progress", "unct-migration-capacity"].map((id) => {
  const p = parseSurveyFile(readFileSync(join(ROOT, "surveys", `${id}.json`), "utf8"), id);
  if (!p.ok) throw new Error(`${id} does not parse`);
  return p.file;
});

const FORMULAS = ["=1+1", "=HYPERLINK(\"https://example.org/?\"&A1)", "+1", "-5", "@SUM(A1)", "\uff1d1+1", " =1", "'=x", "=cmd|' /C calc'!A0"];

function records(file: SurveyFile): ResponseRecord[] {
  let n = 0;
  return generateResponses(file, { count: 25, seed: 9 }).map((r) => {
    const data: Record<string, unknown> = { ...r.data };
    for (const [k, v] of Object.entries(data)) if (typeof v === "string" && !/^\d/.test(v) && v.length > 12) data[k] = FORMULAS[n++ % FORMULAS.length];
    return { ...r, data };
  });
}

async function bytesOf(exp: CsvExport): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
  expect(await writeXlsx(exp, sink)).toBe(false);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

async function workbookOf(exp: CsvExport): Promise<XLSX.WorkBook> {
  return XLSX.read(await bytesOf(exp), { type: "array", cellFormula: true, cellNF: true, cellDates: false });
}

const serial = (ms: number) => ms / 86_400_000 + 25_569;

/** Every cell of a sheet against the rows it was written from. */
function checkSheet(sheet: XLSX.WorkSheet | undefined, header: readonly string[], rows: readonly (readonly Cell[])[], dates: (i: number) => "date" | "datetime" | undefined, where: string): { formulas: number; typed: Record<string, number> } {
  if (!sheet) throw new Error(`${where}: no sheet`);
  const typed: Record<string, number> = {};
  let formulas = 0;
  const cellAt = (r: number, c: number) => sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
  header.forEach((h, c) => {
    expect(cellAt(0, c)?.t, `${where} header ${c}`).toBe("s");
    expect(cellAt(0, c)?.v).toBe(h);
  });
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      const cell = cellAt(r + 1, c);
      const at = `${where} ${XLSX.utils.encode_cell({ r: r + 1, c })} (${header[c]})`;
      if (cell?.f !== undefined) formulas++;
      if (v === undefined || v === null || v === "") {
        expect(cell === undefined || cell.t === "z", at).toBe(true);
        return;
      }
      if (!cell) throw new Error(`${at}: missing`);
      typed[cell.t] = (typed[cell.t] ?? 0) + 1;
      const kind = dates(c);
      if (typeof v === "number") {
        expect(cell.t, at).toBe("n");
        expect(cell.v, at).toBe(v);
      } else if (typeof v === "boolean") {
        expect(cell.t, at).toBe("b");
        expect(cell.v, at).toBe(v);
      } else if (kind === "date") {
        expect(cell.t, at).toBe("n");
        expect(cell.v, at).toBe(serial(Date.parse(`${v}T00:00:00Z`)));
        expect(cell.z, at).toBe("yyyy-mm-dd");
      } else if (kind === "datetime") {
        expect(cell.t, at).toBe("n");
        expect(Math.abs((cell.v as number) - serial(Date.parse(v))), at).toBeLessThan(1e-8);
        expect(cell.z, at).toBe("yyyy-mm-dd hh:mm:ss");
      } else {
        expect(cell.t, at).toBe("s");
        expect(cell.v, at).toBe(v);
      }
    });
  });
  return { formulas, typed };
}

describe("XLSX export", () => {
  const cases: [string, Partial<ExportOptions>][] = [
    ["default", {}],
    ["repeats as sheets, one column per choice", { repeats: "files", multi: "columns", separator: "_" }],
    ["Arabic titles and labels", { headers: "titles", values: "labels", language: "ar" }],
  ];
  for (const file of SURVEYS) {
    for (const [label, options] of cases) {
      it(`${file.id}, ${label}: every cell typed as written, text never a formula`, async () => {
        const exp = createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: records(file) }, { ...options, format: "xlsx" });
        const wb = await workbookOf(exp);
        const data = exp.files.filter((f) => f.kind !== "codebook");
        const names = exp.plan.tables.map((t) => (t.source ? t.id : options.headers === "titles" ? "responses" : "data"));
        expect(wb.SheetNames).toEqual([...names, "codebook"]);
        let typedAll: Record<string, number> = {};
        exp.plan.tables.forEach((table, t) => {
          const file_ = data[t];
          if (!file_) throw new Error("no file");
          const dates = (i: number) => file_.dateKinds[i];
          if (!table.source) expect(file_.dateKinds.slice(-3)).toEqual(["datetime", "datetime", "datetime"]);
          if (file.id === "jp-country-progress" && !table.source) expect(file_.dateKinds).toContain("date");
          const { formulas, typed } = checkSheet(wb.Sheets[names[t] as string], file_.header, [...file_.rows()], dates, `${file.id}/${names[t]}`);
          expect(formulas).toBe(0);
          for (const [k, n] of Object.entries(typed)) typedAll = { ...typedAll, [k]: (typedAll[k] ?? 0) + n };
        });
        expect(typedAll["n"] ?? 0).toBeGreaterThan(0);
        expect(typedAll["s"] ?? 0).toBeGreaterThan(0);
        const codebook = exp.files.find((f) => f.kind === "codebook");
        const cb = checkSheet(wb.Sheets["codebook"], codebook?.header ?? [], [...(codebook?.rows() ?? [])], () => undefined, `${file.id}/codebook`);
        expect(cb.formulas).toBe(0);
      });
    }
  }

  it("writes formula-like answers as the exact text, with no apostrophe", async () => {
    const file = SURVEYS[0] as SurveyFile;
    const exp = createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: records(file) }, { format: "xlsx" });
    const wb = await workbookOf(exp);
    const values = Object.entries(wb.Sheets["data"] ?? {})
      .filter(([k]) => !k.startsWith("!"))
      .map(([, c]) => (c as XLSX.CellObject).v);
    for (const f of FORMULAS.slice(0, 6)) expect(values, f).toContain(f);
  });

  it("runs in the export job with progress, as one workbook", async () => {
    const file = SURVEYS[2] as SurveyFile;
    const messages: ExportJobMessage[] = [];
    await runExportJob({ type: "start", input: { surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: generateResponses(file, { count: 300, seed: 2 }) }, options: { format: "xlsx", scripts: ["r"] } }, (m) => messages.push(m), () => false, async () => undefined);
    const done = messages[messages.length - 1];
    if (done?.type !== "done") throw new Error(JSON.stringify(done));
    expect(done.files.map((f) => [f.name, f.blob.type])).toEqual([[`${file.id}.xlsx`, XLSX_MIME]]);
    expect(done.summary.files).toEqual([`${file.id}.xlsx`]);
    const progress = messages.filter((m) => m.type === "progress");
    const last = progress[progress.length - 1];
    expect(last?.type === "progress" && last.done === last.total && last.total > 0).toBe(true);
    const wb = XLSX.read(new Uint8Array(await done.files[0]!.blob.arrayBuffer()), { type: "array" });
    expect(wb.SheetNames).toEqual(["data", "codebook"]);
  });

  it("stops when cancelled", async () => {
    const file = SURVEYS[2] as SurveyFile;
    const exp = createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: generateResponses(file, { count: 300, seed: 2 }) }, { format: "xlsx", includeDrafts: true });
    let ticks = 0;
    const stopped = await writeXlsx(exp, new WritableStream<Uint8Array>(), { tick: async () => ++ticks >= 1 });
    expect(stopped).toBe(true);
    expect(ticks).toBe(1);
  });

  it("opens right to left for Arabic, with the header row frozen", async () => {
    const file = SURVEYS[0] as SurveyFile;
    const sheetXml = async (language: string) => {
      const exp = createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: records(file) }, { format: "xlsx", language, headers: "titles" });
      return strFromU8(unzipSync(await bytesOf(exp))["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    };
    const ar = await sheetXml("ar");
    expect(ar).toMatch(/<sheetView[^>]*rightToLeft="1"/);
    expect(ar).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(await sheetXml("fr")).not.toMatch(/rightToLeft="1"/);
  });

  it("names sheets as Excel allows", () => {
    const used = new Set<string>();
    expect(sheetName("a/b:c?d*e[f]g\\h", used)).toBe("a_b_c_d_e_f_g_h");
    expect(sheetName("x".repeat(40), used)).toHaveLength(31);
    expect(sheetName("X".repeat(40), used)).toBe(`${"X".repeat(29)}_2`);
  });
});
