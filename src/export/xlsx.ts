/**
 * The Excel workbook export: one sheet of responses, one sheet per repeat (with its keys), and the
 * codebook sheet, streamed row by row into a WritableStream.
 *
 * Cells are typed: numbers are numbers, booleans booleans, dates (date questions, `YYYY-MM-DD`) and
 * UTC times (the metadata) Excel dates with a date format, and all other text shared strings —
 * never formulas, so nothing in a cell can ever run and no apostrophe is needed (the text is
 * exactly the answer). A text longer than Excel's 32,767 characters is cut there (counted in the
 * summary's `longCells`, with a warning). Sheets of right-to-left languages open right to left.
 *
 * The writer is ExcelTS's streaming WorkbookWriter (@cj-tech-master/excelts, 5.x: no
 * dependencies, Web Streams in browsers and in Node 20), loaded with a dynamic import only when a
 * workbook is asked for, so neither the page nor a CSV export pays for it. Why this one (gzip size
 * and speed at 100,000 rows against SheetJS, write-excel-file and ExcelJS): README, "Performance".
 */
import type { Cell } from "./columns.ts";
import { EXCEL_CELL_LIMIT } from "./csv-writer.ts";
import type { CsvExport } from "./export-csv.ts";
import { ExportError } from "./types.ts";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's rows per sheet, the header included. */
export const EXCEL_ROW_LIMIT = 1_048_576;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const RTL = new Set(["ar", "he", "fa", "ur"]);

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not repeated (case-insensitive). */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "").trim() || "sheet";
  let name = clean.slice(0, 31);
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - String(n).length - 1)}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

export interface XlsxWriteOptions {
  /**
   * Called after every few hundred rows; resolve `true` to stop (the export was cancelled). The
   * export's `progress` counts the rows written.
   */
  tick?: () => Promise<boolean>;
}

/**
 * Writes the workbook of an export into `sink`. Resolves `true` when it was stopped by `tick`.
 * Throws ExportError when a sheet would have more rows than Excel allows.
 */
export async function writeXlsx(exp: CsvExport, sink: WritableStream<Uint8Array>, options: XlsxWriteOptions = {}): Promise<boolean> {
  const { WorkbookWriter } = await import("@cj-tech-master/excelts");
  const plan = exp.plan;
  if (plan.records.length + 1 > EXCEL_ROW_LIMIT) throw new ExportError(`${plan.records.length} responses do not fit in one Excel sheet (at most ${EXCEL_ROW_LIMIT - 1}); export CSV instead`);
  const workbook = new WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true, created: new Date(0), modified: new Date(0) });
  const rtl = RTL.has(plan.options.language.split("-")[0] ?? "");
  const used = new Set<string>();
  const views = [{ state: "frozen" as const, ySplit: 1, rightToLeft: rtl }];
  let long = 0;
  let sinceTick = 0;
  const text = (s: string): string => {
    if (s.length <= EXCEL_CELL_LIMIT) return s;
    long++;
    return s.slice(0, EXCEL_CELL_LIMIT);
  };
  const stop = async (): Promise<boolean> => {
    if (++sinceTick < 256 || !options.tick) return false;
    sinceTick = 0;
    return options.tick();
  };

  const data = exp.files.filter((f) => f.kind !== "codebook");
  for (const [t, table] of plan.tables.entries()) {
    const file = data[t];
    if (!file) continue;
    const name = sheetName(table.source ? table.id : plan.options.headers === "titles" ? "responses" : "data", used);
    const sheet = workbook.addWorksheet(name, { views });
    sheet.addRow(file.header.map(text)).commit();
    const kinds = file.dateKinds;
    let count = 1;
    for (const row of file.rows()) {
      if (++count > EXCEL_ROW_LIMIT) throw new ExportError(`the sheet "${name}" would have more rows than Excel allows (${EXCEL_ROW_LIMIT}); export CSV instead`);
      const cells: (string | number | boolean | Date | null)[] = new Array(row.length);
      const formats: (string | undefined)[] = [];
      for (let i = 0; i < row.length; i++) {
        const v: Cell = row[i];
        if (v === undefined || v === null || v === "") cells[i] = null;
        else if (typeof v === "string") {
          const kind = kinds[i];
          if (kind === "date" && DATE.test(v)) {
            cells[i] = new Date(`${v}T00:00:00Z`);
            formats[i] = "yyyy-mm-dd";
          } else if (kind === "datetime" && DATETIME.test(v)) {
            cells[i] = new Date(v);
            formats[i] = "yyyy-mm-dd hh:mm:ss";
          } else cells[i] = text(v);
        } else if (typeof v === "number") cells[i] = Number.isFinite(v) ? v : null;
        else cells[i] = v;
      }
      const written = sheet.addRow(cells);
      formats.forEach((f, i) => {
        if (f) written.getCell(i + 1).numFmt = f;
      });
      written.commit();
      if (await stop()) return true;
    }
    sheet.commit();
  }

  const codebook = exp.files.find((f) => f.kind === "codebook");
  if (codebook) {
    const sheet = workbook.addWorksheet(sheetName("codebook", used), { views });
    sheet.addRow(codebook.header).commit();
    for (const row of codebook.rows()) sheet.addRow(row.map((v) => (v === undefined || v === null || v === "" ? null : typeof v === "string" ? text(v) : v))).commit();
    sheet.commit();
  }
  await workbook.commit();
  exp.summary.longCells = long;
  if (long > 0) {
    exp.summary.warnings.push({ code: "cell-too-long", count: long, message: `${long} text cell(s) are longer than Excel's ${EXCEL_CELL_LIMIT} characters and were cut there; the CSV export keeps them whole` });
  }
  return false;
}
