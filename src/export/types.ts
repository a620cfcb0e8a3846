/**
 * Types shared by the export core. Nothing here imports survey-core, zod or the DOM: the export
 * code runs unchanged in a Web Worker, on the main thread and in Node.
 */

import type { LocalizedText, Scalar } from "../definition/text.ts";

export type { LocalizedText, Scalar };

/** One saved version of a survey, as the export needs it. */
export interface ExportDefinition {
  surveyId: string;
  version: number;
  /**
   * The survey file's JSON: our envelope (`id`, `version`, `languages`) plus the SurveyJS
   * definition. The envelope keys are ignored, so a parsed survey file can be passed as it is.
   */
  json: Readonly<Record<string, unknown>>;
  /** Languages of this version; default: `json.languages`, else `["en"]`. */
  languages?: readonly string[];
}

/**
 * The record shape the export reads. Structurally the same as `ResponseRecord`
 * (src/schema/response.ts); declared here so the worker bundle does not pull in zod.
 */
export interface ExportRecord {
  id: string;
  surveyId: string;
  surveyVersion: number;
  status: "draft" | "completed";
  data: Readonly<Record<string, unknown>>;
  language: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export type Delimiter = "comma" | "semicolon" | "tab";
export type NameSeparator = "/" | "_" | ".";

export interface ExportOptions {
  /** Column headers: question names (default) or titles in `language`. */
  headers: "names" | "titles";
  /** Cell values: stored codes (default) or choice labels in `language`. */
  values: "codes" | "labels";
  /** Language for titles and labels, e.g. "en", "fr", "ar". Missing texts fall back to the default text. */
  language: string;
  delimiter: Delimiter;
  /** UTF-8 byte-order mark at the start of every CSV file, for Excel (default true). */
  bom: boolean;
  /** Also export drafts (default false: completed responses only). */
  includeDrafts: boolean;
  /** Checkbox and tagbox: one column joined with ";" (default), or one 1/0 column per choice. */
  multi: "joined" | "columns";
  /** Dynamic panels and dynamic matrices: wide columns q/1/sub (default), or one CSV per repeat in a ZIP. */
  repeats: "wide" | "files";
  /** Prefix spreadsheet-formula text (= + - @ tab CR) with an apostrophe (default true). */
  neutralize: boolean;
  /**
   * Separator inside column names (default "/", e.g. `q/row/column`). "_" or "." also make every
   * name a syntactic R name (and a Stata-friendly one with "_"), so `read.csv` renames nothing.
   */
  separator: NameSeparator;
  /** Record separator: CRLF per RFC 4180 (default) or LF. */
  lineEnding: "crlf" | "lf";
  /**
   * Decimal mark of numbers: "." (default) or "," — for spreadsheets set to a language that
   * writes 1,5; only with the "semicolon" or "tab" delimiter. The codebook says which.
   */
  decimalMark: "." | ",";
  /**
   * Scripts that load the CSV and apply variable and value labels, written with it (default
   * none): "r" (base R), "stata" (a .do file), "spss" (SPSS / PSPP syntax).
   */
  scripts: readonly LabelScriptKind[];
  /**
   * "csv" (default): CSV files and the codebook; "xlsx": one Excel workbook with typed cells (a
   * sheet of responses, one per repeat, the codebook), where the delimiter, BOM, line ending,
   * decimal mark, neutralization and scripts do not apply.
   */
  format: "csv" | "xlsx";
  /**
   * Files given as answers (file questions, signatures): the CSV always lists their names; with
   * `files: true` the export is one ZIP that also holds the files, at
   * `files/<response_id>/<question>/<name>` (default false).
   */
  files: boolean;
}

export type LabelScriptKind = "r" | "stata" | "spss";
export const LABEL_SCRIPT_KINDS: readonly LabelScriptKind[] = ["r", "stata", "spss"];

export const DEFAULT_EXPORT_OPTIONS: Readonly<ExportOptions> = Object.freeze({
  headers: "names",
  values: "codes",
  language: "en",
  delimiter: "comma",
  bom: true,
  includeDrafts: false,
  multi: "joined",
  repeats: "wide",
  neutralize: true,
  separator: "/",
  lineEnding: "crlf",
  decimalMark: ".",
  scripts: [],
  format: "csv",
  files: false,
});

export function withDefaultOptions(options: Partial<ExportOptions> | undefined): ExportOptions {
  return { ...DEFAULT_EXPORT_OPTIONS, ...(options ?? {}) };
}

export const DELIMITER_CHARS: Readonly<Record<Delimiter, string>> = { comma: ",", semicolon: ";", tab: "\t" };

/** Something the analyst should know about an export; `code` is stable (for translated UI text), `message` is English. */
export interface ExportWarning {
  code:
    | "missing-definition"
    | "type-changed"
    | "unknown-key"
    | "duplicate-column"
    | "code-contains-separator"
    | "cell-too-long";
  message: string;
  /** Column, question or key concerned. */
  subject?: string;
  /** How many responses or values it concerns, where known. */
  count?: number;
}

/** Thrown for input the export cannot work with at all (no definition for the survey, ...). */
export class ExportError extends Error {
  override name = "ExportError";
}
