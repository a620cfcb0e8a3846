/**
 * The SPSS syntax of an export, for IBM SPSS Statistics and GNU PSPP. Each data file is read with
 * GET DATA by position (text as strings as wide as the widest cell, numbers as numbers, ISO dates
 * as SDATE10), into a data set of its own (the responses active, each repeat file a copy by name); the variables get valid SPSS names (64 bytes, no
 * reserved words, distinct whatever their case; the changes are listed as comments); the
 * neutralizing apostrophe is removed; coded columns get value labels and a measurement level
 * (rating scales ordinal); 1/0 choice columns the labels "selected / not selected"; UTC times
 * become DATETIME values; every variable its label (cut to SPSS's 255 bytes, value labels to 120).
 *
 * SPSS and PSPP cannot read a line break inside a quoted CSV cell (the end of a line always ends
 * the case). When a file has such cells, the export writes a copy for SPSS (`<file>-spss.csv`)
 * where, in the columns that hold line breaks, `\` is written `\\`, a line feed `\n` and a
 * carriage return `\r`; the syntax reads that copy and turns the escapes back, so the text is exact.
 */
import { packageNames } from "./package-names.ts";
import { cutLabel, type ScriptModel, type ScriptTable, type ScriptVariable } from "./script-model.ts";

const encoder = new TextEncoder();
const bytesOf = (s: string) => encoder.encode(s).length;

function hex(s: string): string {
  return `X'${[...encoder.encode(s)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}'`;
}

/**
 * An SPSS string literal: "…" with quotes doubled, split into parts joined with `+` so that no
 * syntax line is long; a hex literal for text with control characters.
 */
export function spssString(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return hex(s);
  const parts: string[] = [];
  let part = "";
  for (const ch of s) {
    if (bytesOf(part) + bytesOf(ch) > 100) {
      parts.push(part);
      part = "";
    }
    part += ch;
  }
  parts.push(part);
  return parts.map((p) => `"${p.replaceAll('"', '""')}"`).join("\n    + ");
}

/** Escapes a cell of the SPSS copy: `\` → `\\`, LF → `\n`, CR → `\r`. */
export function spssEscape(s: string): string {
  return s.replace(/[\\\r\n]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : "\\r"));
}

function comment(text: string): string {
  return `* ${text.replace(/[\r\n]+/g, " ").replace(/\.\s*$/, "")}.`;
}

function codeWidth(v: ScriptVariable): number {
  let w = v.width;
  for (const c of v.codes) w = Math.max(w, bytesOf(c.code));
  return Math.min(32767, Math.max(1, w));
}

function readsNumeric(v: ScriptVariable): boolean {
  return v.numeric && (v.kind !== "codes" || v.codes.every((c) => c.number !== undefined));
}

function format(v: ScriptVariable): string {
  if (v.kind === "date" && v.datesValid && !v.numeric) return "SDATE10";
  if (readsNumeric(v)) {
    const d = Math.min(16, v.decimals);
    return `F${Math.min(40, Math.max(8, v.width + 2, d + 3))}.${d}`;
  }
  return `A${codeWidth(v)}`;
}

/** Removes the neutralizing apostrophe: the rule of formula.ts, byte by byte (SUBSTR counts bytes). */
function unmarkBlock(vars: readonly string[]): string[] {
  const blank1 = `ANY(SUBSTR(v, #q, 1), " ", X'09', X'0A', X'0D')`;
  const blank2 = `SUBSTR(v, #q, 2) = X'C2A0'`;
  const blank3 = [0x1680, ...Array.from({ length: 14 }, (_, k) => 0x2000 + k), 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff].map((c) => hex(String.fromCodePoint(c)));
  const starters3 = [0xff1d, 0xff0b, 0xff0d, 0xff20, 0xfe62, 0xfe63, 0xfe66, 0xfe6b, 0x207a, 0x207c, 0x208a, 0x208c].map((c) => hex(String.fromCodePoint(c)));
  const digit = (at: string) => `ANY(SUBSTR(v, ${at}, 1), "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")`;
  const any3 = (list: string[]) => `ANY(SUBSTR(v, #q, 3), ${list.join(", ")})`;
  return [
    comment("Remove the apostrophe the export put before text a spreadsheet could run as a formula (see the codebook)"),
    `DO REPEAT v = ${vars.join("\n    ")}.`,
    `DO IF SUBSTR(v, 1, 1) = "'".`,
    `COMPUTE #len = LENGTH(RTRIM(v)).`,
    `COMPUTE #p = 1.`,
    `LOOP IF #p <= #len AND SUBSTR(v, #p, 1) = "'".`,
    `COMPUTE #p = #p + 1.`,
    `END LOOP.`,
    `COMPUTE #strip = 0.`,
    `DO IF #p > #len.`,
    `COMPUTE #strip = 0.`,
    `ELSE IF ANY(SUBSTR(v, #p, 1), X'09', X'0A', X'0D').`,
    `COMPUTE #strip = 1.`,
    `ELSE.`,
    `COMPUTE #q = #p.`,
    `COMPUTE #more = 1.`,
    `LOOP IF #more AND #q <= #len.`,
    `DO IF ${blank1}.`,
    `COMPUTE #q = #q + 1.`,
    `ELSE IF ${blank2}.`,
    `COMPUTE #q = #q + 2.`,
    `ELSE IF ${any3(blank3)}.`,
    `COMPUTE #q = #q + 3.`,
    `ELSE.`,
    `COMPUTE #more = 0.`,
    `END IF.`,
    `END LOOP.`,
    `DO IF #q > #len.`,
    `COMPUTE #strip = 0.`,
    `ELSE IF #q > #p AND (ANY(SUBSTR(v, #q, 1), "=", "+", "-", "@") OR ${any3(starters3)}).`,
    `COMPUTE #strip = 1.`,
    `ELSE IF ANY(SUBSTR(v, #q, 1), "=", "@") OR ${any3(starters3)}.`,
    `COMPUTE #strip = 1.`,
    `ELSE IF ANY(SUBSTR(v, #q, 1), "+", "-").`,
    comment("Not a formula if the rest is a plain number: digits, one . or , with digits, an exponent"),
    `COMPUTE #i = #q + 1.`,
    `COMPUTE #d1 = 0.`,
    `LOOP IF #i <= #len AND ${digit("#i")}.`,
    `COMPUTE #d1 = #d1 + 1.`,
    `COMPUTE #i = #i + 1.`,
    `END LOOP.`,
    `COMPUTE #d2 = 0.`,
    `DO IF #i <= #len AND ANY(SUBSTR(v, #i, 1), ".", ",").`,
    `COMPUTE #i = #i + 1.`,
    `LOOP IF #i <= #len AND ${digit("#i")}.`,
    `COMPUTE #d2 = #d2 + 1.`,
    `COMPUTE #i = #i + 1.`,
    `END LOOP.`,
    `END IF.`,
    `COMPUTE #num = (#d1 > 0 OR #d2 > 0).`,
    `DO IF #num AND #i <= #len AND ANY(SUBSTR(v, #i, 1), "e", "E").`,
    `COMPUTE #i = #i + 1.`,
    `IF #i <= #len AND ANY(SUBSTR(v, #i, 1), "+", "-") #i = #i + 1.`,
    `COMPUTE #d3 = 0.`,
    `LOOP IF #i <= #len AND ${digit("#i")}.`,
    `COMPUTE #d3 = #d3 + 1.`,
    `COMPUTE #i = #i + 1.`,
    `END LOOP.`,
    `IF #d3 = 0 #num = 0.`,
    `END IF.`,
    `IF #i <= #len #num = 0.`,
    `COMPUTE #strip = 1 - #num.`,
    `END IF.`,
    `END IF.`,
    `IF #strip = 1 v = SUBSTR(v, 2).`,
    `END IF.`,
    `END REPEAT.`,
  ];
}

/** Turns the SPSS copy's escapes back: \\ → \, \n → line feed, \r → carriage return. */
function decodeBlock(vars: readonly string[]): string[] {
  return [
    comment("Turn the escapes of the SPSS copy back into line breaks and backslashes"),
    `STRING #c (A1).`,
    `DO REPEAT v = ${vars.join("\n    ")}.`,
    `COMPUTE #i = INDEX(v, "\\").`,
    `LOOP IF #i > 0.`,
    `COMPUTE #c = SUBSTR(v, #i + 1, 1).`,
    `DO IF #c = "n".`,
    `COMPUTE v = CONCAT(SUBSTR(v, 1, #i - 1), X'0A', SUBSTR(v, #i + 2)).`,
    `ELSE IF #c = "r".`,
    `COMPUTE v = CONCAT(SUBSTR(v, 1, #i - 1), X'0D', SUBSTR(v, #i + 2)).`,
    `ELSE.`,
    `COMPUTE v = CONCAT(SUBSTR(v, 1, #i - 1), SUBSTR(v, #i + 1)).`,
    `END IF.`,
    `COMPUTE #j = INDEX(SUBSTR(v, #i + 1), "\\").`,
    `COMPUTE #i = (#j > 0) * (#i + #j).`,
    `END LOOP.`,
    `END REPEAT.`,
  ];
}

function tableSyntax(table: ScriptTable, model: ScriptModel, last: boolean): string[] {
  const { names, renamed } = packageNames(table.variables.map((v) => v.column), "spss");
  const name = (i: number) => names[i] as string;
  const file = table.spssFile ?? table.file;
  const dataset = `ds_${packageNames([table.name.replace(/-/g, "_")], "spss").names[0] ?? "data"}`.slice(0, 60);
  const lines: string[] = [];
  lines.push(comment(`${file}: ${table.description}`));
  if (renamed.length > 0) {
    lines.push(comment("Columns renamed to valid SPSS names (CSV header → SPSS name)"));
    for (const r of renamed) lines.push(comment(`  ${r.column} → ${r.name}`));
  }
  const datetimes = table.variables.flatMap((v, i) => (v.kind === "datetime" && v.datesValid && !v.numeric ? [i] : []));
  const readName = (i: number) => (datetimes.includes(i) ? `ss_text_${i + 1}` : name(i));
  lines.push(`GET DATA /TYPE=TXT`);
  lines.push(`  /FILE=${spssString(file)}`);
  lines.push(`  /ENCODING="UTF-8"`);
  lines.push(`  /ARRANGEMENT=DELIMITED`);
  lines.push(`  /DELCASE=LINE`);
  lines.push(`  /FIRSTCASE=2`);
  lines.push(`  /DELIMITERS=${model.delimiter === "\t" ? '"\\t"' : `"${model.delimiter}"`}`);
  lines.push(`  /QUALIFIER='"'`);
  lines.push(`  /VARIABLES=`);
  table.variables.forEach((v, i) => lines.push(`    ${readName(i)} ${datetimes.includes(i) ? `A${Math.max(24, v.width)}` : format(v)}`));
  lines.push(`.`);

  const marked = table.variables.flatMap((v, i) => (v.marked && !readsNumeric(v) && !datetimes.includes(i) ? [name(i)] : []));
  if (marked.length > 0) lines.push(...unmarkBlock(marked));
  const escaped = table.spssFile ? table.variables.flatMap((v, i) => (v.breaks && !readsNumeric(v) ? [name(i)] : [])) : [];
  if (escaped.length > 0) lines.push(...decodeBlock(escaped));

  for (const i of datetimes) {
    const s = readName(i);
    lines.push(
      `COMPUTE ${name(i)} = NUMBER(SUBSTR(${s}, 1, 10), SDATE10) + NUMBER(SUBSTR(${s}, 12, 2), F2.0) * 3600 + NUMBER(SUBSTR(${s}, 15, 2), F2.0) * 60`,
      `    + NUMBER(SUBSTR(${s}, 18, 2), F2.0) + (LENGTH(RTRIM(${s})) > 21) * NUMBER(SUBSTR(${s}, 21, 3), F3.0) / 1000.`,
      `FORMATS ${name(i)} (DATETIME24.3).`,
    );
  }
  if (datetimes.length > 0) {
    lines.push(`MATCH FILES /FILE=* /KEEP=${names.join("\n    ")}.`);
  }

  const labelled = table.variables.map((v, i) => `${name(i)} ${spssString(cutLabel(v.label, 255, "bytes"))}`);
  lines.push(`VARIABLE LABELS ${labelled.join("\n  /")}.`);
  const valueLabels: string[] = [];
  table.variables.forEach((v, i) => {
    if (v.kind !== "codes" || v.codes.length === 0) return;
    const numeric = readsNumeric(v);
    const pairs = v.codes.map((c) => `${numeric ? String(c.number) : spssString(c.code)} ${spssString(cutLabel(c.label, 120, "bytes"))}`);
    valueLabels.push(`${name(i)}\n    ${pairs.join("\n    ")}`);
  });
  const flags = table.variables.flatMap((v, i) => (v.kind === "flag" && v.numeric ? [name(i)] : []));
  if (flags.length > 0) valueLabels.push(`${flags.join(" ")}\n    0 ${spssString(model.selected.no)}\n    1 ${spssString(model.selected.yes)}`);
  if (valueLabels.length > 0) lines.push(`VALUE LABELS ${valueLabels.join("\n  /")}.`);
  const level = (pred: (v: ScriptVariable) => boolean) => table.variables.flatMap((v, i) => (pred(v) ? [name(i)] : []));
  const nominal = level((v) => (v.kind === "codes" && !v.ordered) || v.kind === "flag" || (!readsNumeric(v) && v.kind !== "date" && v.kind !== "datetime"));
  const ordinal = level((v) => v.kind === "codes" && v.ordered);
  const levels = [...(nominal.length > 0 ? [`${nominal.join(" ")} (NOMINAL)`] : []), ...(ordinal.length > 0 ? [`${ordinal.join(" ")} (ORDINAL)`] : [])];
  if (levels.length > 0) lines.push(`VARIABLE LEVEL ${levels.join("\n  /")}.`);
  lines.push(`EXECUTE.`);
  // The responses stay the active data set; each repeat file is kept as a copy under its own name
  // (GET DATA replaces the active data set in PSPP, so the copy is what remains).
  lines.push(last ? `DATASET NAME ${dataset}.` : `DATASET COPY ${dataset}.`);
  return lines;
}

/** The whole syntax file for an export's data files. */
export function scriptModelToSpss(model: ScriptModel): string {
  const [main] = model.tables;
  const head = [
    `* Encoding: UTF-8.`,
    comment(`Survey Studio: loads the export of "${model.surveyId}" and applies its labels (language: ${model.language})`),
    comment(`IBM SPSS Statistics or GNU PSPP (pspp ${main?.name ?? "export"}.sps); run it with the folder of the data files as the working folder (CD "folder")`),
    comment("Coded answers carry value labels, 1/0 choice columns the labels of selected / not selected, every variable its question text; the codebook CSV lists every column in every language"),
    `SET MXLOOPS=1000000.`,
    ...(model.decimalComma ? [`SET DECIMAL=COMMA.`] : [`SET DECIMAL=DOT.`]),
  ];
  const order = [...model.tables.slice(1), ...(main ? [main] : [])];
  const body = order.flatMap((t, k) => ["", ...tableSyntax(t, model, k === order.length - 1)]);
  return `${[...head, ...body].join("\n")}\n`;
}
