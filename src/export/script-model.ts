/**
 * What the label scripts (R, Stata, SPSS) need to know about each data file of an export: every
 * column in order, its variable label in the chosen language, what it holds (text, number, codes
 * with value labels, a 1/0 choice, a date), and how its cells were actually written (the
 * statistics gathered while writing the CSV). Built from the export plan, the same one the CSV
 * and the codebook come from, so the scripts always match the file they load.
 */
import { METADATA_COLUMNS, columnTitle, type ColumnSpec, type TablePlan } from "./columns.ts";
import type { ColumnStats } from "./column-stats.ts";
import type { Choice } from "../definition/answer-tree.ts";
import { needsNeutralizing } from "./formula.ts";
import type { ExportPlan } from "./plan.ts";
import { builtInText, textIn } from "../definition/text.ts";
import { METADATA_TEXT } from "./text.ts";
import { DELIMITER_CHARS, type LocalizedText } from "./types.ts";

export type VariableKind = "text" | "number" | "codes" | "flag" | "date" | "datetime";

export interface ValueLabel {
  /** The code exactly as the CSV cell holds it (numbers with the export's decimal mark). */
  code: string;
  /** The code as a number, when it is one. */
  number?: number;
  label: string;
}

export interface ScriptVariable {
  /** The header as written in the CSV. */
  column: string;
  /** Variable label: the question text in the chosen language (as the codebook's `text_<lang>`). */
  label: string;
  kind: VariableKind;
  /** Codes with their labels, in the codebook's order (kind "codes"). */
  codes: ValueLabel[];
  /** Rating scales: the codes are ordered. */
  ordered: boolean;
  /** Every written cell was a number (or empty): read as a number. */
  numeric: boolean;
  /** Every number was an integer. */
  integer: boolean;
  /** Widest cell as written, in UTF-8 bytes (at least 1). */
  width: number;
  /** Most decimals among its numbers. */
  decimals: number;
  /** Every non-empty cell of a date or date-time column was one (so it can be converted). */
  datesValid: boolean;
  /** Cells may carry the neutralizing apostrophe (text read as text while neutralization is on). */
  marked: boolean;
  /** A cell held a line break. */
  breaks: boolean;
}

export interface ScriptTable {
  /** The CSV file this table is read from (as named in the download or next to the script). */
  file: string;
  /** The copy of the file for SPSS, when its text has line breaks (see script-spss.ts). */
  spssFile?: string;
  /** A name for the data set: the survey id, or `<survey>-<repeat>`. */
  name: string;
  /** For repeat tables: what a row is, e.g. "initiatives: one row per entry". */
  description: string;
  variables: ScriptVariable[];
}

export interface ScriptModel {
  surveyId: string;
  language: string;
  /** The CSV delimiter character. */
  delimiter: string;
  decimalComma: boolean;
  /** Whether the export wrote the neutralizing apostrophe. */
  neutralized: boolean;
  /** Labels of the 1/0 choice columns in the chosen language. */
  selected: { yes: string; no: string };
  /** The main table first, then one per repeat (repeats as files). */
  tables: ScriptTable[];
}

type Kinded = Pick<ScriptVariable, "kind" | "codes" | "ordered">;

function choiceLabel(c: Choice, i: number, all: readonly Choice[], lang: string, defaultLanguage: string, rate?: { min?: LocalizedText; max?: LocalizedText }): string {
  let label = c.text === undefined ? undefined : textIn(c.text, lang, defaultLanguage);
  if (label === undefined && rate) label = textIn(i === 0 ? rate.min : i === all.length - 1 ? rate.max : undefined, lang, defaultLanguage);
  return label ?? c.code;
}

function codeAsWritten(c: Choice, decimalComma: boolean): ValueLabel["code"] {
  return typeof c.value === "number" && decimalComma ? String(c.value).replace(".", ",") : c.code;
}

function kindOf(col: ColumnSpec, plan: ExportPlan): Kinded {
  const node = col.node;
  const none: Kinded = { kind: "text", codes: [], ordered: false };
  switch (col.leaf.kind) {
    case "choice":
      return { ...none, kind: "flag" };
    case "count":
      return { ...none, kind: "number" };
    case "value": {
      if (node.kind !== "value" || node.files) return none;
      if (node.choices.length > 0 && plan.options.values === "codes") {
        const lang = plan.options.language;
        const decimalComma = plan.options.decimalMark === ",";
        const codes = node.choices.map((c, i, all): ValueLabel => {
          const v: ValueLabel = { code: codeAsWritten(c, decimalComma), label: choiceLabel(c, i, all, lang, plan.defaultLanguage, node.rateDescriptions) };
          if (typeof c.value === "number") v.number = c.value;
          return v;
        });
        return { kind: "codes", codes, ordered: node.type === "rating" };
      }
      if (node.choices.length > 0) return none;
      if (node.inputType === "date") return { ...none, kind: "date" };
      return node.numeric ? { ...none, kind: "number" } : none;
    }
    default:
      return none;
  }
}

function metadataKind(key: string, plan: ExportPlan): Kinded {
  const none: Kinded = { kind: "text", codes: [], ordered: false };
  if (key.endsWith("_at")) return { ...none, kind: "datetime" };
  if (key === "survey_version" || key === "index") return { ...none, kind: "number" };
  if (key === "status") {
    const lang = plan.options.language;
    return {
      ...none,
      kind: "codes",
      codes: (["completed", "draft"] as const).map((code) => ({ code, label: textIn(METADATA_TEXT[code], lang) ?? code })),
    };
  }
  return none;
}

function variable(column: string, label: string, k: Kinded, stats: ColumnStats, i: number, neutralize: boolean): ScriptVariable {
  const text = stats.text[i] === 1;
  const kind: VariableKind = (k.kind === "number" || k.kind === "flag") && text ? "text" : k.kind;
  const numeric = !text && (kind === "number" || kind === "flag" || kind === "codes");
  const marked = neutralize && !numeric && (kind === "text" || (kind === "codes" && k.codes.some((c) => needsNeutralizing(c.code))));
  return {
    column,
    label,
    kind,
    codes: kind === "codes" ? k.codes : [],
    ordered: k.ordered,
    numeric,
    integer: stats.fraction[i] !== 1,
    width: Math.max(1, stats.maxBytes[i] ?? 0),
    decimals: stats.decimals[i] ?? 0,
    datesValid: stats.notDate[i] !== 1,
    marked,
    breaks: stats.breaks[i] === 1,
  };
}

/**
 * The model of every data file of an export. `header(t)` is the header written for table `t`,
 * `file(t)` the name its CSV has where the script will run, `stats(t)` its column statistics.
 */
export function planToScriptModel(
  plan: ExportPlan,
  tables: readonly { header: readonly string[]; file: string; stats: ColumnStats }[],
): ScriptModel {
  const opts = plan.options;
  const lang = opts.language;
  const title = (parts: Parameters<typeof columnTitle>[0]) => columnTitle(parts, lang, plan.defaultLanguage);
  const out: ScriptTable[] = plan.tables.map((table: TablePlan, t): ScriptTable => {
    const written = tables[t];
    if (!written) throw new Error(`no file for table ${t}`);
    const { header, stats } = written;
    const variables: ScriptVariable[] = [];
    let at = 0;
    for (const key of table.keyNames) {
      const isIndex = key !== "response_id";
      const k = metadataKind(isIndex ? "index" : key, plan);
      const chain = isIndex && key !== "index" ? `${key} — ` : "";
      variables.push(variable(header[at] ?? key, chain + (textIn(METADATA_TEXT[isIndex ? "index" : key], lang) ?? key), k, stats, at, opts.neutralize));
      at++;
    }
    for (const col of table.columns) {
      variables.push(variable(header[at] ?? col.name, title([...col.context, ...col.titles]), kindOf(col, plan), stats, at, opts.neutralize));
      at++;
    }
    if (!table.source) {
      for (const key of METADATA_COLUMNS) {
        variables.push(variable(header[at] ?? key, textIn(METADATA_TEXT[key], lang) ?? key, metadataKind(key, plan), stats, at, opts.neutralize));
        at++;
      }
    }
    const name = table.source ? `${plan.fileBase}-${table.id}` : plan.fileBase;
    const description = table.source ? `${title([...(table.columns[0]?.context ?? [])]) || table.id}: one row per entry, keyed by ${table.keyNames.join(", ")}` : "one row per response";
    return { file: written.file, name, description, variables };
  });
  return {
    surveyId: plan.surveyId,
    language: lang,
    delimiter: DELIMITER_CHARS[opts.delimiter],
    decimalComma: opts.decimalMark === ",",
    neutralized: opts.neutralize,
    selected: { yes: textIn(builtInText("selected"), lang) ?? "selected", no: textIn(builtInText("notSelected"), lang) ?? "not selected" },
    tables: out,
  };
}

/** A label cut to at most `max` UTF-16 units or bytes, on a character boundary, with "…" when cut. */
export function cutLabel(s: string, max: number, unit: "chars" | "bytes" = "chars"): string {
  const clean = s.replace(/[\r\n\t]+/g, " ").trim();
  const size = unit === "bytes" ? (x: string) => new TextEncoder().encode(x).length : (x: string) => [...x].length;
  if (size(clean) <= max) return clean;
  let out = "";
  for (const ch of clean) {
    if (size(`${out + ch}…`) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** The reverse of the neutralization rule (formula.ts) as a PCRE / ICU pattern: a leading ' to remove. */
export const MARK_PATTERN =
  "^'(?='*(?:[\\t\\r\\n]|[\\t\\r\\n\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200D}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{2060}\\x{3000}\\x{FEFF}]+[=+\\-@\\x{FF1D}\\x{FF0B}\\x{FF0D}\\x{FF20}\\x{FE62}\\x{FE63}\\x{FE66}\\x{FE6B}\\x{207A}\\x{207C}\\x{208A}\\x{208C}]|[=@\\x{FF1D}\\x{FF0B}\\x{FF0D}\\x{FF20}\\x{FE62}\\x{FE63}\\x{FE66}\\x{FE6B}\\x{207A}\\x{207C}\\x{208A}\\x{208C}]|[+\\-](?!(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+\\-]?[0-9]+)?\\z)))";
