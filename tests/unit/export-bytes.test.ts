// The byte path of the export (what the worker writes into Blobs): the same bytes as the text
// encoder's output in UTF-8, for any cell, in any chunking.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import type { Cell } from "../../src/export/columns.ts";
import { CsvByteWriter, CsvEncoder, EXCEL_CELL_LIMIT } from "../../src/export/csv-writer.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import type { ExportOptions } from "../../src/export/types.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  // Each chunk is a view of a reused buffer: copy it before asking for the next.
  const copies: Uint8Array[] = [];
  for (const c of chunks) copies.push(c.slice());
  const out = new Uint8Array(copies.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of copies) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Any UTF-16 code units, lone surrogates included, with CSV's special characters often. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("a", ",", ";", "\t", '"', "'", "\r", "\n", "=", "+", "-", "@", "é", "م", "中", "😀", "\uD83D", "\uDE00", "\uFFFF"),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 30,
});
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  anyText,
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e15 - 1, -(1e15 - 1), 1e15, 2 ** 53, 1e21, -1e-7, 0.1, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.boolean(),
  fc.constantFrom(null, undefined),
);
const format = fc.record({ delimiter: fc.constantFrom(",", ";", "\t"), lineEnding: fc.constantFrom("\r\n", "\n"), neutralize: fc.boolean() });

describe("CsvByteWriter", () => {
  it("writes the UTF-8 of what CsvEncoder writes, and counts the same", () => {
    fc.assert(
      fc.property(format, fc.array(fc.array(anyCell, { maxLength: 12 }), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (f, rows, initial) => {
        const text = new CsvEncoder(f);
        const bytes = new CsvEncoder(f);
        const w = new CsvByteWriter(bytes, initial);
        let expected = "";
        for (const row of rows) {
          expected += text.row(row);
          w.row(row);
        }
        expect(w.take()).toEqual(utf8(expected));
        expect([bytes.neutralized, bytes.longCells]).toEqual([text.neutralized, text.longCells]);
      }),
      { numRuns: 300 },
    );
  });

  it("writes cells one by one like a row, and starts again after take()", () => {
    const enc = new CsvEncoder({ delimiter: ",", lineEnding: "\r\n", neutralize: true });
    const w = new CsvByteWriter(enc, 4);
    w.raw("\uFEFF");
    w.cell("a");
    w.delimiter();
    w.cell(-12);
    w.delimiter();
    w.cell(true);
    w.endRow();
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(w.take())).toBe("\uFEFFa,-12,true\r\n");
    expect(w.length).toBe(0);
    w.row(["=x", 'say "hi"', "x".repeat(EXCEL_CELL_LIMIT + 1)]);
    expect(w.take()).toEqual(utf8(`'=x,"say ""hi""",${"x".repeat(EXCEL_CELL_LIMIT + 1)}\r\n`));
    expect([enc.neutralized, enc.longCells]).toEqual([1, 1]);
  });
});

describe("export files as bytes", () => {
  const parsed = parseSurveyFile(readFileSync(resolve(import.meta.dirname, "../../surveys/jp-country-progress.json"), "utf8"), "jp");
  if (!parsed.ok) throw new Error("does not parse");
  const file = parsed.file;
  const input = { surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: generateResponses(file, { count: 60, seed: 3 }) };

  it.each<[string, Partial<ExportOptions>]>([
    ["default options", {}],
    ["repeats as files, one column per choice, semicolons, LF, no BOM", { repeats: "files", multi: "columns", delimiter: "semicolon", lineEnding: "lf", bom: false, includeDrafts: true }],
    ["titles and labels in Arabic", { headers: "titles", values: "labels", language: "ar" }],
  ])("bytes() in any chunk size: header and rows() encoded, in UTF-8; chunks() the same as text: %s", (_name, options) => {
    const exp = createCsvExport(input, options);
    const texts = csvExportToStrings(exp);
    const opts = exp.plan.options;
    const enc = new CsvEncoder({ delimiter: { comma: ",", semicolon: ";", tab: "\t" }[opts.delimiter], lineEnding: opts.lineEnding === "lf" ? "\n" : "\r\n", neutralize: opts.neutralize });
    expect(exp.files.length).toBeGreaterThanOrEqual(2);
    exp.files.forEach((f, i) => {
      let text = (opts.bom ? "\uFEFF" : "") + enc.row(f.header);
      for (const row of f.rows()) text += enc.row(row);
      const expected = utf8(text);
      expect(concat(f.bytes())).toEqual(expected);
      expect(concat(f.bytes(1))).toEqual(expected);
      expect(concat(f.bytes(777))).toEqual(expected);
      expect(texts[i]?.text).toBe(text);
    });
  });

  it("counts neutralized cells and progress once per file, however often it is written", () => {
    const records = input.records.map((r, i) => (i % 2 === 0 ? { ...r, data: { ...r.data, country: "=HYPERLINK()" } } : r));
    const exp = createCsvExport({ ...input, records }, { includeDrafts: true });
    const main = exp.files[0];
    if (!main) throw new Error("no main file");
    for (const _ of main.bytes(100));
    const once = exp.summary.neutralizedCells;
    expect(once).toBeGreaterThanOrEqual(records.length / 2);
    for (const _ of main.bytes());
    expect(exp.summary.neutralizedCells).toBe(once);
    expect(exp.progress.done).toBe(records.length);
  });
});
