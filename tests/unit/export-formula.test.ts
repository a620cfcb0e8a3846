// Formula neutralization (issue 12 item 9): the rule in src/export/formula.ts against an oracle
// written from the rule's statement, its exact inverse, and choice codes kept as the codebook lists them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NEUTRALIZED_NOTE } from "../../src/export/codebook.ts";
import { parseCsv } from "../../src/export/csv-reader.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { isPlainNumber, needsNeutralizing, neutralizeText, unneutralize } from "../../src/export/formula.ts";
import type { ExportDefinition, ExportRecord } from "../../src/export/types.ts";

/** The rule as the README states it, written independently: NFKC of the first non-blank character. */
function oracleNeedsPrefix(s: string): boolean {
  const rest = s.replace(/^'+/, "");
  if (rest === "") return false;
  if (/^[\t\r\n]/.test(rest)) return true;
  const m = /^[\s\u200b-\u200d\u2060\ufeff]*([\s\S])/u.exec(rest);
  const first = m?.[1];
  if (first === undefined || !"=+-@".includes(first.normalize("NFKC"))) return false;
  return !/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(rest);
}

const unit = fc.constantFrom("=", "+", "-", "@", "'", " ", "\t", "\r", "\n", "\u00a0", "\u3000", "\u2003", "\u200b", "\ufeff", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe62", "\u207a", "\u208c", "1", "5", ".", ",", "e", "a", "中", "ب");
const tricky = fc.oneof(fc.string({ unit, maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 8 }), fc.string({ unit: "binary", maxLength: 6 }));

describe("the neutralization rule", () => {
  it("prefixes exactly what the stated rule says", () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(needsNeutralizing(s), JSON.stringify(s)).toBe(oracleNeedsPrefix(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("is undone exactly by removing one apostrophe before a trigger", () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(unneutralize(neutralizeText(s))).toBe(s);
        // Written text never starts a formula: either it begins with the apostrophe or it is safe.
        const written = neutralizeText(s);
        expect(written.startsWith("'") || !oracleNeedsPrefix(written)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("never prefixes a plain number, whatever its sign, decimals or exponent", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), fc.constantFrom("", "+"), fc.boolean(), (n, sign, comma) => {
        let s = `${n >= 0 ? sign : ""}${String(n)}`;
        if (comma) s = s.replace(".", ",");
        expect(isPlainNumber(s), s).toBe(true);
        expect(needsNeutralizing(s), s).toBe(false);
      }),
    );
    for (const s of ["-5", "+1", "-1.5", "-.5", "+0", "-1,5", "1e-3", "-2E+4"]) expect(neutralizeText(s)).toBe(s);
  });

  it("prefixes the cases the issue lists as passing unprefixed before", () => {
    for (const s of ["\uff1d1+1", " =1+1", "\u00a0=1+1", "\u3000=1+1", "\n=1+1", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "@SUM(A1)", "+33 1 23 45 67", "-x"]) {
      expect(neutralizeText(s), JSON.stringify(s)).toBe(`'${s}`);
    }
  });
});

describe("choice codes in the export", () => {
  const json = {
    id: "codes",
    version: 1,
    languages: ["en"],
    title: "Codes",
    pages: [
      {
        name: "p",
        elements: [
          { type: "radiogroup", name: "r", choices: [{ value: -1, text: "Refused" }, { value: "-2", text: "Not applicable" }, { value: "-x", text: "Dash" }, { value: 1, text: "One" }] },
          { type: "text", name: "t" },
        ],
      },
    ],
  };
  const definitions: ExportDefinition[] = [{ surveyId: "codes", version: 1, json }];
  const record = (data: Record<string, unknown>, i: number): ExportRecord => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    surveyId: "codes",
    surveyVersion: 1,
    status: "completed",
    data,
    language: "en",
    createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    updatedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    completedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
  });

  it("writes negative codes as the codebook lists them, and marks only formula-like ones", () => {
    const records = [record({ r: -1, t: "-5" }, 0), record({ r: "-2", t: "+1" }, 1), record({ r: "-x", t: "\uff1d1+1" }, 2)];
    const [main, codebook] = csvExportToStrings(createCsvExport({ surveyId: "codes", definitions, records }));
    const rows = parseCsv((main?.text ?? "").slice(1)).rows;
    expect(rows.slice(1, 4).map((r) => [r[0], r[1]])).toEqual([
      ["-1", "-5"],
      ["-2", "+1"],
      ["'-x", "'\uff1d1+1"],
    ]);
    const cb = parseCsv((codebook?.text ?? "").slice(1)).rows;
    const header = cb[0] ?? [];
    const row = cb.find((r) => r[0] === "r") ?? [];
    // The codes cell as a whole starts with "-" and is not a number, so it carries the cell's mark;
    // with the mark removed (the reverse rule) it lists the codes exactly as the data cells hold them.
    expect(row[header.indexOf("codes_en")]).toBe("'-1=Refused; -2=Not applicable; -x=Dash; 1=One");
    expect(unneutralize(row[header.indexOf("codes_en")] ?? "")).toBe("-1=Refused; -2=Not applicable; -x=Dash; 1=One");
    const notes = cb.find((r) => r[0] === "t")?.[header.indexOf("notes")] ?? "";
    expect(notes).toContain(NEUTRALIZED_NOTE);
    expect(cb.find((r) => r[0] === "r")?.[header.indexOf("notes")] ?? "").toContain(NEUTRALIZED_NOTE);
  });
});
