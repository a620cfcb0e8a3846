/**
 * The codebook: one row per column of the export, so that Excel, R and Stata users know what
 * each column holds.
 *
 * Columns: [`file` when there are several files], `column` (the header exactly as written),
 * `question` (top-level question name), `name_parts` (what each part of the name is, joined
 * with the same separator as the names, e.g. `question/row/column`), `type` (SurveyJS type, or
 * the cell type inside a matrix), `text_<lang>` (the full question text in each survey language:
 * question / row / column titles joined with " / "), `codes_<lang>` (allowed codes with their
 * labels, `code=label` pairs separated by "; ", e.g. `yes=Yes; no=No`; a code without a label
 * is listed alone) and `notes`. One cell per code list keeps one row per column, which opens
 * cleanly in Excel and reads into R with `read.csv` as it is; split on "; " then on the first "=".
 */
import { METADATA_COLUMNS, columnTitle, type Cell, type ColumnSpec, type TablePlan } from "./columns.ts";
import type { Choice } from "../definition/answer-tree.ts";
import type { ExportPlan } from "./plan.ts";
import { builtInText, textIn } from "../definition/text.ts";
import { needsNeutralizing } from "./formula.ts";
import { METADATA_TEXT } from "./text.ts";

const METADATA_NOTES: Record<string, string> = {
  response_id: "unique id of the response (UUID); the key of the repeat files",
  survey_id: "",
  survey_version: "version of the survey definition the respondent answered",
  status: "",
  language: "language the respondent used",
  created_at: "ISO 8601, UTC",
  updated_at: "ISO 8601, UTC",
  completed_at: "ISO 8601, UTC; blank for drafts",
};

function codesText(choices: readonly Choice[], lang: string, defaultLanguage: string, rate?: { min?: string; max?: string }): string {
  return choices
    .map((c, i) => {
      let label = c.text === undefined ? undefined : textIn(c.text, lang, defaultLanguage);
      if (label === undefined && rate) label = i === 0 ? rate.min : i === choices.length - 1 ? rate.max : undefined;
      return label === undefined || label === c.code ? c.code : `${c.code}=${label}`;
    })
    .join("; ");
}

function typeOf(col: ColumnSpec): string {
  const node = col.node;
  if (col.leaf.kind === "text" || col.leaf.kind === "otherInline" || col.leaf.kind === "itemComment") return "text";
  if (node.kind === "value" && node.inputType && node.inputType !== "text") return `${node.type} (${node.inputType})`;
  return node.type;
}

/** The neutralization rule and its reverse (formula.ts), on every column whose text can carry the mark. */
export const NEUTRALIZED_NOTE =
  "text that starts with = + - @ (also after blanks, or full-width), tab or a line break is written with a leading ' so that no spreadsheet runs it (plain numbers such as -5 never are); to read the answer, remove one leading ' where such a character follows it";

/** Whether a column's cells can be free text, or codes / labels that the neutralization rule marks. */
function mayHoldFormulaText(col: ColumnSpec, labels: boolean): boolean {
  const node = col.node;
  switch (col.leaf.kind) {
    case "text":
    case "otherInline":
    case "itemComment":
      return true;
    case "choice":
    case "count":
      return false;
    case "value":
    case "joined":
      if (node.kind === "value" && node.files) return true;
      if (node.kind !== "value" && node.kind !== "multi") return true;
      if (node.choices.length === 0) return !node.numeric;
      return node.choices.some((c) => needsNeutralizing(c.code) || (labels && c.text !== undefined && Object.values(typeof c.text === "string" ? { t: c.text } : c.text).some(needsNeutralizing)));
  }
}

function notesOf(col: ColumnSpec, plan: ExportPlan, repeatFile: string | undefined): string {
  const notes: string[] = [];
  const node = col.node;
  const labels = plan.options.values === "labels";
  switch (col.leaf.kind) {
    case "value":
      if (node.kind === "value" && node.files) notes.push("file names separated by ;");
      else if (node.kind === "value" && node.numeric) notes.push(plan.options.decimalMark === "," ? "number, with a decimal comma (1,5)" : "number");
      if (labels && node.kind === "value" && node.choices.some((c) => c.text !== undefined)) notes.push(`written as labels (${plan.options.language})`);
      break;
    case "joined":
      notes.push(`${labels ? "labels" : "codes"} separated by ;${node.kind === "multi" && node.ordered ? ", in rank order" : ""}`);
      break;
    case "choice":
      notes.push("1 = chosen, 0 = not chosen, blank = question not answered");
      break;
    case "otherInline":
    case "text":
      if (col.roles[col.roles.length - 1] === "other") notes.push('text of the "Other" answer');
      else notes.push("comment");
      break;
    case "itemComment":
      notes.push("comment on this choice");
      break;
    case "count":
      notes.push(`number of entries${repeatFile ? `; the entries are in ${repeatFile}` : ""}`);
      break;
  }
  if (node.extra || (col.leaf.kind === "choice" && col.leaf.choice.extra)) notes.push("not in the survey definition (found in the responses)");
  if (plan.options.neutralize && mayHoldFormulaText(col, labels)) notes.push(NEUTRALIZED_NOTE);
  return notes.join("; ");
}

export function codebookRows(
  plan: ExportPlan,
  fileNames: readonly string[],
  headerOf: (table: TablePlan) => readonly string[],
): { header: string[]; rows: Cell[][] } {
  const { languages, defaultLanguage, options } = plan;
  const sep = options.separator;
  const several = plan.tables.length > 1;
  const header = [
    ...(several ? ["file"] : []),
    "column",
    "question",
    "name_parts",
    "type",
    ...languages.map((l) => `text_${l}`),
    ...languages.map((l) => `codes_${l}`),
    "notes",
  ];
  const rows: Cell[][] = [];
  const fixedRow = (file: string, column: string, key: string, type: string, codes: (lang: string) => string, notes: string) => {
    const text = METADATA_TEXT[key];
    rows.push([
      ...(several ? [file] : []),
      column,
      "",
      key === "response_id" || key === "index" || key.endsWith("index") ? "key" : "metadata",
      type,
      ...languages.map((l) => textIn(text, l) ?? key),
      ...languages.map(codes),
      notes,
    ]);
  };

  plan.tables.forEach((table, t) => {
    const file = fileNames[t] ?? "";
    const written = headerOf(table);
    let at = 0;
    for (const key of table.keyNames) {
      const isIndex = key !== "response_id";
      fixedRow(file, written[at] ?? key, isIndex ? "index" : key, isIndex ? "integer" : "text", () => "", isIndex ? "1, 2, … in the order the respondent entered them" : METADATA_NOTES["response_id"] ?? "");
      at++;
    }
    for (const col of table.columns) {
      const node = col.node;
      const repeatFile = col.leaf.kind === "count" ? fileNames[plan.tables.findIndex((x) => x.source?.node === node)] : undefined;
      const rate =
        node.kind === "value" && node.rateDescriptions
          ? (lang: string) => ({ min: textIn(node.rateDescriptions?.min, lang, defaultLanguage), max: textIn(node.rateDescriptions?.max, lang, defaultLanguage) })
          : undefined;
      const codes = (lang: string): string => {
        if (col.leaf.kind === "choice") {
          const label = textIn(col.leaf.choice.text, lang, defaultLanguage) ?? col.leaf.choice.code;
          return `1=${label}; 0=${textIn(builtInText("notSelected"), lang) ?? "not selected"}`;
        }
        if ((col.leaf.kind === "value" || col.leaf.kind === "joined") && (node.kind === "value" || node.kind === "multi")) {
          const r = rate?.(lang);
          const clean = r ? { ...(r.min !== undefined ? { min: r.min } : {}), ...(r.max !== undefined ? { max: r.max } : {}) } : undefined;
          return codesText(node.choices, lang, defaultLanguage, clean);
        }
        return "";
      };
      rows.push([
        ...(several ? [file] : []),
        written[at] ?? col.name,
        col.question,
        col.roles.join(sep),
        typeOf(col),
        ...languages.map((l) => columnTitle([...col.context, ...col.titles], l, defaultLanguage)),
        ...languages.map(codes),
        notesOf(col, plan, repeatFile),
      ]);
      at++;
    }
    if (!table.source) {
      for (const key of METADATA_COLUMNS) {
        const codes =
          key === "status"
            ? (l: string) => `completed=${textIn(METADATA_TEXT["completed"], l) ?? "completed"}; draft=${textIn(METADATA_TEXT["draft"], l) ?? "draft"}`
            : key === "language"
              ? () => languages.join("; ")
              : () => "";
        fixedRow(file, written[at] ?? key, key, key.endsWith("_at") ? "datetime" : key === "survey_version" ? "integer" : "text", codes, METADATA_NOTES[key] ?? "");
        at++;
      }
    }
  });
  return { header, rows };
}
