/**
 * The Stata do-file of an export (Stata 14 or newer: Unicode, `import delimited` with
 * `encoding()`). Each CSV is read by position (`varnames(nonames) rowrange(2)`), with text and
 * string codes as strings and numbers as numbers; the variables get valid Stata names (32
 * characters, no reserved words; the changes are listed as comments), the neutralizing apostrophe
 * is removed, coded columns get value labels (whole-number codes directly; text codes are encoded
 * to 1, 2, … in the codebook's order, a code the survey does not list getting the next number with
 * itself as label), 1/0 choice columns the label "selected / not selected", dates become %td and
 * UTC times %tc, and every variable its label (cut to Stata's 80 characters, the full text then in
 * the characteristic `[question]`). With several files each repeat file is saved as a .dta next
 * to its CSV and the responses stay in memory.
 */
import { packageNames } from "./package-names.ts";
import { cutLabel, MARK_PATTERN, type ScriptModel, type ScriptTable, type ScriptVariable } from "./script-model.ts";

/** A Stata compound-quoted string: macros cannot expand in it and double quotes need no escape. */
export function stataString(s: string): string {
  let out = "";
  const clean = s.replace(/[\r\n\t]+/g, " ");
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i] as string;
    if (ch === "\\") out += "\\\\";
    else if (ch === "$" || ch === "`") out += `\\${ch}`;
    else if (ch === '"' && clean[i + 1] === "'") out += '"\u2019';
    else out += ch;
    if (ch === '"' && clean[i + 1] === "'") i++;
  }
  return `\`"${out}"'`;
}

/** A numlist in Stata's short form: 1/4 7 9/12. */
function numlist(ns: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === (ns[j] as number) + 1) j++;
    parts.push(j > i ? `${ns[i]}/${ns[j]}` : String(ns[i]));
    i = j + 1;
  }
  return parts.join(" ");
}

/** Items on lines of about 100 characters joined with Stata's `///` continuation. */
function wrap(items: readonly string[], indent = "    "): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line !== "" && line.length + item.length > 100) {
      lines.push(line);
      line = item;
    } else line = line === "" ? item : `${line} ${item}`;
  }
  if (line !== "") lines.push(line);
  return lines.join(` ///\n${indent}`);
}

const integerCodes = (v: ScriptVariable) => v.codes.length > 0 && v.codes.every((c) => c.number !== undefined && Number.isInteger(c.number) && Math.abs(c.number) < 2 ** 31);

/** Read as a number: numbers, 1/0 columns, and whole-number codes whose cells were all numbers. */
function readsNumeric(v: ScriptVariable): boolean {
  if (!v.numeric) return false;
  return v.kind !== "codes" || integerCodes(v);
}

function tableDo(table: ScriptTable, model: ScriptModel, save: boolean): string {
  const { names, renamed } = packageNames(table.variables.map((v) => v.column), "stata");
  const name = (i: number) => names[i] as string;
  const lines: string[] = [];
  const numeric = table.variables.flatMap((v, i) => (readsNumeric(v) ? [i + 1] : []));
  const strings = table.variables.flatMap((v, i) => (readsNumeric(v) ? [] : [i + 1]));
  const delimiter = model.delimiter === "\t" ? "tab" : `"${model.delimiter}"`;
  lines.push(`* ${table.file}: ${table.description}`);
  lines.push(
    `import delimited using ${stataString(table.file)}, clear encoding("utf-8") delimiters(${delimiter}) varnames(nonames) rowrange(2) ///\n` +
      `    bindquotes(strict) case(preserve)${model.decimalComma ? " decimalseparator(,)" : ""}` +
      (strings.length > 0 ? ` ///\n    stringcols(${wrap([numlist(strings)])})` : "") +
      (numeric.length > 0 ? ` ///\n    numericcols(${wrap([numlist(numeric)])})` : ""),
  );
  lines.push(`label define ss_selected 0 ${stataString(model.selected.no)} 1 ${stataString(model.selected.yes)}, replace`);
  lines.push(`if c(k) != ${table.variables.length} {`);
  lines.push(`    display as error "${table.file.replace(/["`$\\]/g, "")} has " c(k) " columns; this do-file expects ${table.variables.length}"`);
  lines.push(`    exit 198`);
  lines.push(`}`);
  if (renamed.length > 0) {
    lines.push(`* Columns renamed to valid Stata names (CSV header → Stata name):`);
    for (const r of renamed) lines.push(`*   ${r.column.replace(/[\r\n]+/g, " ")} → ${r.name}`);
  }
  lines.push(`rename (${wrap(table.variables.map((_, i) => `v${i + 1}`))}) ///\n    (${wrap(names)})`);

  const marked = table.variables.flatMap((v, i) => (v.marked && !readsNumeric(v) ? [name(i)] : []));
  if (marked.length > 0) {
    lines.push(`* Remove the apostrophe the export put before text a spreadsheet could run as a formula.`);
    lines.push(`foreach v of varlist ${wrap(marked)} {`);
    lines.push(`    quietly replace \`v' = usubstr(\`v', 2, .) if ustrregexm(\`v', "${MARK_PATTERN}")`);
    lines.push(`}`);
  }

  table.variables.forEach((v, i) => {
    const n = name(i);
    if (v.kind === "codes") {
      if (readsNumeric(v)) {
        lines.push(`label define ${n} ${wrap(v.codes.map((c) => `${c.number} ${stataString(c.label)}`))}, replace`);
        lines.push(`label values ${n} ${n}`);
      } else if (v.numeric) {
        lines.push(`* ${n}: codes that are not whole numbers cannot carry Stata value labels; see the codebook.`);
      } else {
        // encode keeps these numbers for the listed codes and gives any other code the next one.
        lines.push(`label define ${n} ${wrap(v.codes.map((c, k) => `${k + 1} ${stataString(c.code)}`))}, replace`);
        lines.push(`tempvar t`);
        lines.push(`encode ${n}, generate(\`t') label(${n})`);
        lines.push(`drop ${n}`);
        lines.push(`rename \`t' ${n}`);
        lines.push(`label define ${n} ${wrap(v.codes.map((c, k) => `${k + 1} ${stataString(c.label)}`))}, modify`);
      }
    } else if (v.kind === "date" && v.datesValid && !v.numeric) {
      lines.push(`tempvar t`);
      lines.push(`generate \`t' = date(${n}, "YMD")`);
      lines.push(`format \`t' %tdCCYY-NN-DD`);
      lines.push(`drop ${n}`);
      lines.push(`rename \`t' ${n}`);
    } else if (v.kind === "datetime" && v.datesValid && !v.numeric) {
      lines.push(`tempvar t`);
      lines.push(`generate double \`t' = clock(subinstr(subinstr(${n}, "T", " ", 1), "Z", "", 1), "YMDhms")`);
      lines.push(`format \`t' %tcCCYY-NN-DD_HH:MM:SS.sss`);
      lines.push(`drop ${n}`);
      lines.push(`rename \`t' ${n}`);
    }
  });
  const flags = table.variables.flatMap((v, i) => (v.kind === "flag" && v.numeric ? [name(i)] : []));
  if (flags.length > 0) lines.push(`label values ${wrap(flags)} ss_selected`);
  table.variables.forEach((v, i) => {
    const short = cutLabel(v.label, 80);
    lines.push(`label variable ${name(i)} ${stataString(short)}`);
    if (short !== cutLabel(v.label, Number.MAX_SAFE_INTEGER)) lines.push(`char ${name(i)}[question] ${stataString(cutLabel(v.label, 67_000))}`);
  });
  lines.push(`order ${wrap(names)}`);
  lines.push(`compress`);
  if (save) lines.push(`save ${stataString(`${table.file.replace(/\.(csv|tsv|txt)$/i, "")}.dta`)}, replace`);
  return lines.join("\n");
}

/** The whole do-file for an export's data files. */
export function scriptModelToStata(model: ScriptModel): string {
  const [main, ...repeats] = model.tables;
  const head = [
    `* Survey Studio: loads the export of "${model.surveyId}" and applies its labels (language: ${model.language}).`,
    `* Stata 14 or newer. Run it from the folder that holds the CSV file${model.tables.length > 1 ? "s" : ""}:`,
    `*   do "${main?.name ?? "export"}.do"`,
    repeats.length > 0 ? `* Each repeat file is saved as a .dta next to its CSV; the responses stay in memory.` : `* The responses stay in memory.`,
    `* Coded answers carry value labels, 1/0 choice columns the label ss_selected, every variable its question`,
    `* text. The codebook CSV lists every column with its texts in every language.`,
    ``,
    `version 14`,
  ];
  const body = [...repeats.map((t) => tableDo(t, model, true)), ...(main ? [tableDo(main, model, false)] : [])];
  return `${[...head, "", ...body.flatMap((b) => [b, ""])].join("\n")}`;
}
