/**
 * Label scripts of a CSV export, ready to run: an R script (base R), a Stata do-file and SPSS
 * syntax that load the export's CSV files and apply variable labels (the question texts in the
 * export's language) and value labels (codes → choice texts), with names valid in each package.
 * Generated from the same plan as the CSV and the codebook, and from what was actually written
 * (column widths, numbers or text, dates): ask for them after the CSV files have been written, or
 * they compute that from the rows.
 */
import { CsvEncoder } from "./csv-writer.ts";
import type { CsvExport } from "./export-csv.ts";
import { planToScriptModel, type ScriptModel } from "./script-model.ts";
import { scriptModelToR } from "./script-r.ts";
import { scriptModelToSpss, spssEscape } from "./script-spss.ts";
import { scriptModelToStata } from "./script-stata.ts";
import { DELIMITER_CHARS, type LabelScriptKind } from "./types.ts";

export interface ScriptFile {
  name: string;
  /** "r", "stata", "spss", or "spss-data" (the copy of a data file SPSS can read: script-spss.ts). */
  kind: LabelScriptKind | "spss-data";
  /** The file's text in chunks (UTF-8 when encoded; the SPSS copy has the CSV's byte-order mark setting). */
  chunks(): Generator<string>;
}

const EXTENSIONS: Record<LabelScriptKind, string> = { r: "R", stata: "do", spss: "sps" };

const stem = (name: string) => name.replace(/\.(csv|tsv|txt)$/i, "");

/** The model the three scripts are written from (exported for tests and other writers). */
export function csvExportToScriptModel(exp: CsvExport, fileNames?: readonly string[]): ScriptModel {
  const data = exp.files.filter((f) => f.kind !== "codebook");
  return planToScriptModel(
    exp.plan,
    data.map((f, t) => ({ header: f.header, file: fileNames?.[t] ?? f.name, stats: f.stats() })),
  );
}

/**
 * The label scripts asked for in the export's options (or `kinds`), named after the survey
 * (`unct-migration-capacity.R`, `.do`, `.sps`), plus the SPSS copies of data files whose text has
 * line breaks. `fileNames` are the names the data files have where the scripts will run (default:
 * the export's own names; the command line passes the names it wrote).
 */
export function csvExportToScripts(exp: CsvExport, options: { kinds?: readonly LabelScriptKind[]; fileNames?: readonly string[]; base?: string } = {}): ScriptFile[] {
  const kinds = options.kinds ?? exp.plan.options.scripts;
  if (kinds.length === 0) return [];
  const model = csvExportToScriptModel(exp, options.fileNames);
  const base = options.base ?? exp.plan.fileBase;
  const out: ScriptFile[] = [];
  const text = (name: string, kind: ScriptFile["kind"], make: () => string): ScriptFile => ({
    name,
    kind,
    *chunks() {
      yield make();
    },
  });
  for (const kind of kinds) {
    if (kind === "spss") {
      const data = exp.files.filter((f) => f.kind !== "codebook");
      model.tables.forEach((table, t) => {
        const escaped = table.variables.flatMap((v, i) => (v.breaks ? [i] : []));
        const file = data[t];
        if (escaped.length === 0 || !file) return;
        table.spssFile = `${stem(table.file)}-spss.csv`;
        const opts = exp.plan.options;
        const encoder = new CsvEncoder({ delimiter: DELIMITER_CHARS[opts.delimiter], lineEnding: opts.lineEnding === "lf" ? "\n" : "\r\n", neutralize: opts.neutralize, decimalMark: opts.decimalMark });
        const set = new Set(escaped);
        out.push({
          name: table.spssFile,
          kind: "spss-data",
          *chunks() {
            let buf = `${opts.bom ? "\uFEFF" : ""}${encoder.row(file.header)}`;
            for (const row of file.rows()) {
              buf += encoder.row(row.map((cell, i) => (set.has(i) && typeof cell === "string" ? spssEscape(cell) : cell)));
              if (buf.length >= 1 << 16) {
                yield buf;
                buf = "";
              }
            }
            if (buf !== "") yield buf;
          },
        });
      });
    }
    const make = kind === "r" ? () => scriptModelToR(model) : kind === "stata" ? () => scriptModelToStata(model) : () => scriptModelToSpss(model);
    out.push(text(`${base}.${EXTENSIONS[kind]}`, kind, make));
  }
  return out;
}
