// Label scripts without the tools: names valid in R, Stata and SPSS, the Stata do-file's structure
// (Stata has no free checker), the reverse of formula neutralization as the scripts write it, and
// the decimal comma. The scripts running in R and PSPP: export-scripts-run.test.ts.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { unneutralize } from "../../src/export/formula.ts";
import { csvExportToScriptModel, csvExportToScripts } from "../../src/export/label-scripts.ts";
import { packageName, packageNames, type StatsPackage } from "../../src/export/package-names.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import { MARK_PATTERN } from "../../src/export/script-model.ts";
import { spssEscape, spssString } from "../../src/export/script-spss.ts";
import { stataString } from "../../src/export/script-stata.ts";
import { ExportError, type ExportOptions } from "../../src/export/types.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";

interface PapaLike {
  parse(text: string, config: { delimiter?: string; newline?: string }): { data: string[][] };
}
const Papa = createRequire(import.meta.url)("papaparse") as PapaLike;
const ROOT = resolve(import.meta.dirname, "../..");
const SURVEYS: SurveyFile[] = ["gfmd-workshop-feedback", "jp-country-progress", "unct-migration-capacity"].map((id) => {
  const p = parseSurveyFile(readFileSync(join(ROOT, "surveys", `${id}.json`), "utf8"), id);
  if (!p.ok) throw new Error(`${id} does not parse`);
  return p.file;
});

function exportOf(file: SurveyFile, options: Partial<ExportOptions> = {}) {
  const records = generateResponses(file, { count: 12, seed: 3 });
  return createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records }, { scripts: ["r", "stata", "spss"], ...options });
}

const STATA_RESERVED = ["_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with", "str1", "str2045"];
const SPSS_RESERVED = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"];
const R_RESERVED = ["if", "else", "repeat", "while", "function", "for", "next", "break", "in", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_", "NA_character_", "NA_complex_"];

const nameUnit = fc.constantFrom("a", "Z", "q", "_", ".", "/", "-", " ", "1", "9", "é", "ع", "中", "$", "#", "@", "x".repeat(20), "and", "TO", "if", "str");
const columnNames = fc.array(fc.string({ unit: nameUnit, minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 20 });

function valid(name: string, pkg: StatsPackage): boolean {
  switch (pkg) {
    case "stata":
      return /^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name) && !STATA_RESERVED.includes(name) && !/^str\d+$/.test(name);
    case "spss":
      return /^\p{L}[\p{L}\p{N}_.]*$/u.test(name) && !/[._]$/.test(name) && new TextEncoder().encode(name).length <= 64 && !SPSS_RESERVED.includes(name.toUpperCase());
    case "r":
      return /^\p{L}[\p{L}\p{N}._]*$/u.test(name) && !R_RESERVED.includes(name);
  }
}

describe("names for R, Stata and SPSS", () => {
  it("are valid, distinct (SPSS: whatever the case) and kept when already valid; every change is listed", () => {
    fc.assert(
      fc.property(columnNames, fc.constantFrom<StatsPackage>("r", "stata", "spss"), (columns, pkg) => {
        const { names, renamed } = packageNames(columns, pkg);
        expect(names).toHaveLength(columns.length);
        for (const n of names) expect(valid(n, pkg), `${pkg}: ${JSON.stringify(n)}`).toBe(true);
        const key = (n: string) => (pkg === "spss" ? n.toLowerCase() : n);
        expect(new Set(names.map(key)).size).toBe(names.length);
        columns.forEach((c, i) => {
          if (valid(c, pkg) && columns.findIndex((d) => key(d) === key(c)) === i) expect(names[i]).toBe(c);
        });
        expect(renamed).toEqual(columns.flatMap((column, i) => (names[i] === column ? [] : [{ column, name: names[i] }])));
      }),
      { numRuns: 400 },
    );
  });

  it("cut Stata names to 32 characters and step around reserved words", () => {
    const long = "act_area/remittances_diaspora/lead_agencies";
    expect(packageName(long, "stata")).toBe("act_area_remittances_diaspora_le");
    expect(packageNames([long, `${long}_x`], "stata").names).toEqual(["act_area_remittances_diaspora_le", "act_area_remittances_diaspora_2"]);
    expect(packageName("in", "stata")).toBe("in_");
    expect(packageName("str80", "stata")).toBe("str80_");
    expect(packageName("_n", "stata")).toBe("v_n");
    expect(packageName("by", "spss")).toBe("by_v");
    expect(packageName("a.", "spss")).toBe("a");
    expect(packageNames(["Age", "age"], "spss").names).toEqual(["Age", "age_2"]);
    expect(packageName("function", "r")).toBe("function_");
    expect(packageName("1st", "r")).toBe("v1st");
  });
});

describe("the reverse of formula neutralization in the scripts", () => {
  // The same pattern R (PCRE) and Stata (ICU) use, in JavaScript's syntax.
  const js = new RegExp(MARK_PATTERN.replace(/\\x\{([0-9A-F]+)\}/g, "\\u{$1}").replace("\\z", "$"), "u");
  const unit = fc.constantFrom("'", "=", "+", "-", "@", " ", "\t", "\n", "\r", "\u00a0", "\u3000", "\ufeff", "\uff1d", "\u207a", "1", "5", ".", ",", "e", "x", "中");
  it("removes a leading apostrophe exactly when unneutralize does", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), (s) => {
        expect(js.test(s), JSON.stringify(s)).toBe(unneutralize(s) !== s);
      }),
      { numRuns: 3000 },
    );
  });

  it("SPSS copy escapes are undone exactly by the syntax's rule", () => {
    const decode = (s: string) => s.replace(/\\(.)/gs, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("\\", "n", "r", "\n", "\r", "a", "中"), maxLength: 12 }), (s) => {
        expect(decode(spssEscape(s))).toBe(s);
      }),
    );
  });
});

describe("Stata do-files", () => {
  for (const file of SURVEYS) {
    for (const options of [{}, { multi: "columns", repeats: "files", delimiter: "tab" }, { delimiter: "semicolon", decimalMark: ",", language: "ar" }] as Partial<ExportOptions>[]) {
      it(`${file.id} ${JSON.stringify(options)}: reads every column by position, names it validly and labels it`, () => {
        const exp = exportOf(file, options);
        csvExportToStrings(exp);
        const model = csvExportToScriptModel(exp);
        const script = csvExportToScripts(exp).find((s) => s.kind === "stata");
        const text = [...(script?.chunks() ?? [])].join("");
        const joined = text.replace(/ ?\/\/\/\n\s*/g, " ");
        const blocks = joined.split(/^import delimited /m).slice(1);
        expect(blocks).toHaveLength(model.tables.length);
        // Repeat files first (each saved as .dta), the responses last.
        const order = [...model.tables.slice(1), model.tables[0]];
        blocks.forEach((block, b) => {
          const table = order[b];
          if (!table) throw new Error("no table");
          const n = table.variables.length;
          expect(block.startsWith(`using \`"${table.file}"'`)).toBe(true);
          expect(block).toContain(`encoding("utf-8")`);
          expect(block).toContain(options.delimiter === "tab" ? "delimiters(tab)" : `delimiters("${options.delimiter === "semicolon" ? ";" : ","}")`);
          expect(block.includes("decimalseparator(,)")).toBe(options.decimalMark === ",");
          // stringcols and numericcols together name every column once.
          const expand = (list: string) => list.split(" ").flatMap((p) => (p.includes("/") ? Array.from({ length: Number(p.split("/")[1]) - Number(p.split("/")[0]) + 1 }, (_, k) => Number(p.split("/")[0]) + k) : [Number(p)]));
          const cols = [...block.matchAll(/(?:stringcols|numericcols)\(([^)]*)\)/g)].flatMap((m) => expand(m[1] ?? ""));
          expect(cols.sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, k) => k + 1));
          const rename = /rename \(([^)]*)\) \(([^)]*)\)/.exec(block);
          expect(rename?.[1]?.split(" ")).toEqual(Array.from({ length: n }, (_, k) => `v${k + 1}`));
          const names = rename?.[2]?.split(" ") ?? [];
          expect(names).toEqual(packageNames(table.variables.map((v) => v.column), "stata").names);
          for (const name of names) {
            expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,31}$/);
            expect(block).toMatch(new RegExp(`^label variable ${name} \`"`, "m"));
          }
          table.variables.forEach((v, i) => {
            const name = names[i] as string;
            if (v.kind === "codes" && !(v.numeric && !v.codes.every((c) => Number.isInteger(c.number)))) {
              expect(block, name).toMatch(new RegExp(`^label define ${name} `, "m"));
              for (const c of v.codes) expect(block, `${name} ${c.code}`).toContain(stataString(c.label));
            }
            if (v.kind === "flag" && v.numeric) expect(block).toMatch(new RegExp(`^label values [^\\n]*\\b${name}\\b[^\\n]* ss_selected$`, "m"));
          });
          expect(block).toMatch(/^label define ss_selected 0 /m);
          expect(block).toMatch(new RegExp(`^order ${names.join(" ")}$`, "m"));
        });
        // Outside compound strings there is no $ or left quote that Stata would expand, except tempvars.
        const outside = text.replace(/`"(?:[^"]|"(?!'))*"'/g, "").replace(/`[tv]'/g, "");
        expect(outside).not.toMatch(/[`$]/);
      });
    }
  }

  it("escapes what Stata would expand or end a string with", () => {
    expect(stataString('a $x `b\' \\ "q"\' c')).toBe('`"a \\$x \\`b\' \\\\ "q"\u2019 c"\'');
    expect(stataString("two\nlines")).toBe('`"two lines"\'');
  });

  it("SPSS strings double quotes, split long text and use hex for control characters", () => {
    expect(spssString('say "hi"')).toBe('"say ""hi"""');
    expect(spssString("tab\there")).toBe("X'7461620968657265'");
    expect(spssString("é".repeat(80)).split("\n    + ")).toHaveLength(2);
  });
});

describe("decimal comma", () => {
  const file = SURVEYS.find((s) => s.id === "jp-country-progress") as SurveyFile;
  const numbers = (options: Partial<ExportOptions>) => {
    const exp = exportOf(file, { ...options, scripts: [] });
    const rows = [...(exp.files[0]?.rows() ?? [])];
    const text = csvExportToStrings(exp)[0]?.text ?? "";
    return { exp, rows, parsed: Papa.parse(text.slice(1), { delimiter: options.delimiter === "tab" ? "\t" : ";", newline: "\r\n" }).data };
  };

  it("writes every number with a comma and reads back the same numbers", () => {
    const records = generateResponses(file, { count: 12, seed: 3 }).map((r, i) => ({ ...r, data: { ...r.data, fin_received: 1234.5 + i / 8, fin_expenditure: -0.125 * i } }));
    for (const delimiter of ["semicolon", "tab"] as const) {
      const exp = createCsvExport({ surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records }, { delimiter, decimalMark: "," });
      const source = [...(exp.files[0]?.rows() ?? [])];
      const text = csvExportToStrings(exp)[0]?.text ?? "";
      const parsed = Papa.parse(text.slice(1), { delimiter: delimiter === "tab" ? "\t" : ";", newline: "\r\n" }).data.slice(1);
      let fractions = 0;
      source.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (typeof cell !== "number") return;
          const written = parsed[r]?.[c] ?? "";
          expect(written).not.toContain(".");
          if (!Number.isInteger(cell)) {
            fractions++;
            expect(written).toContain(",");
          }
          expect(Number(written.replace(",", "."))).toBe(cell);
        }),
      );
      expect(fractions).toBeGreaterThan(10);
    }
  });

  it("is said in the codebook, and refused with the comma delimiter", () => {
    const { exp } = numbers({ delimiter: "semicolon", decimalMark: "," });
    const codebook = csvExportToStrings(exp).find((f) => f.name.endsWith("-codebook.csv"))?.text ?? "";
    expect(codebook).toContain("number, with a decimal comma (1,5)");
    expect(() => exportOf(file, { decimalMark: "," })).toThrow(ExportError);
  });
});
