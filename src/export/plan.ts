/**
 * planExport: which responses, which definition versions, which tables and columns.
 *
 * Union over versions: only the versions that have responses in the export shape the columns
 * (the newest definition when there are no responses). The newest version's order is the base;
 * a question found only in older versions is placed right after the question that precedes it
 * in that older version (first when nothing precedes it). The same rule merges choices, matrix
 * rows and columns, items and the questions of dynamic panels. When a question changed kind
 * (e.g. text → checkbox) the newest shape wins and a warning says so.
 */
import { expandTables, nameColumns, scanRecords, type TablePlan } from "./columns.ts";
import { definitionToTree, mergeTrees } from "../definition/answer-tree.ts";
import { defaultLanguageOf } from "../definition/text.ts";
import {
  ExportError,
  withDefaultOptions,
  type ExportDefinition,
  type ExportOptions,
  type ExportRecord,
  type ExportWarning,
} from "./types.ts";

export interface ExportInput {
  surveyId: string;
  /** Every known version of the survey (other surveys' definitions are ignored). */
  definitions: readonly ExportDefinition[];
  /** Responses; other surveys' records are ignored, drafts unless `includeDrafts`. */
  records: readonly ExportRecord[];
}

export interface ExportPlan {
  surveyId: string;
  options: ExportOptions;
  /** The main table first, then one table per repeat (files mode). */
  tables: TablePlan[];
  /** The exported responses, oldest first (by `createdAt`, then id). */
  records: ExportRecord[];
  skippedDrafts: number;
  /** Versions whose definitions shaped the columns, newest first. */
  versions: number[];
  /** Languages of those versions (newest version's order first). */
  languages: string[];
  /** Language of the "default" texts. */
  defaultLanguage: string;
  warnings: ExportWarning[];
  /** Base of the file names, e.g. "unct-migration-capacity". */
  fileBase: string;
}

function fileSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "_") || "survey";
}

function compareRecords(a: ExportRecord, b: ExportRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function languagesOf(d: ExportDefinition): readonly string[] {
  if (d.languages && d.languages.length > 0) return d.languages;
  const l = d.json["languages"];
  if (Array.isArray(l) && l.length > 0 && l.every((x): x is string => typeof x === "string")) return l;
  return [defaultLanguageOf(d.json)];
}

export function planExport(input: ExportInput, options?: Partial<ExportOptions>): ExportPlan {
  const opts = withDefaultOptions(options);
  const warnings: ExportWarning[] = [];
  const warn = (w: ExportWarning) => void warnings.push(w);
  const defs = input.definitions.filter((d) => d.surveyId === input.surveyId).sort((a, b) => b.version - a.version);
  if (defs.length === 0) throw new ExportError(`no definition of the survey "${input.surveyId}" was given`);

  let skippedDrafts = 0;
  const records: ExportRecord[] = [];
  const perVersion = new Map<number, number>();
  for (const r of input.records) {
    if (r.surveyId !== input.surveyId) continue;
    if (r.status !== "completed" && !opts.includeDrafts) {
      skippedDrafts++;
      continue;
    }
    records.push(r);
    perVersion.set(r.surveyVersion, (perVersion.get(r.surveyVersion) ?? 0) + 1);
  }
  records.sort(compareRecords);

  for (const [version, count] of [...perVersion].sort((a, b) => a[0] - b[0])) {
    if (!defs.some((d) => d.version === version)) {
      warn({
        code: "missing-definition",
        subject: `${input.surveyId} v${version}`,
        count,
        message: `${count} response(s) use version ${version} of "${input.surveyId}", whose definition is missing; their answers are exported with the other versions' columns`,
      });
    }
  }
  let used = defs.filter((d) => perVersion.has(d.version));
  if (used.length === 0) used = defs.slice(0, 1);

  const tree = mergeTrees(used.map((d) => definitionToTree(d.json)), warn);
  const scan = scanRecords(tree, records, opts, warn);
  const tables = expandTables(tree, scan, opts);
  nameColumns(tables, opts.separator, warn);

  if (opts.multi === "joined") {
    for (const col of tables.flatMap((t) => t.columns)) {
      const node = col.node;
      if (col.leaf.kind !== "joined" || node.kind !== "multi") continue;
      const bad = node.choices.filter((c) => c.code.includes(";"));
      if (bad.length > 0) {
        warn({ code: "code-contains-separator", subject: col.name, message: `codes of ${col.name} contain ";" (${bad.map((c) => c.code).join(", ")}), so the joined column cannot be split reliably; use one column per choice` });
      }
    }
  }

  const languages: string[] = [];
  for (const d of used) for (const l of languagesOf(d)) if (!languages.includes(l)) languages.push(l);
  const newest = used[0] as ExportDefinition;
  return {
    surveyId: input.surveyId,
    options: opts,
    tables,
    records,
    skippedDrafts,
    versions: used.map((d) => d.version),
    languages,
    defaultLanguage: defaultLanguageOf(newest.json),
    warnings,
    fileBase: fileSafe(input.surveyId),
  };
}

/** A parsed survey file (envelope + SurveyJS JSON) as an export definition. */
export function surveyFileToExportDefinition(file: { id: string; version: number; languages?: readonly string[] } & Record<string, unknown>): ExportDefinition {
  const def: ExportDefinition = { surveyId: file.id, version: file.version, json: file };
  if (file.languages) def.languages = file.languages;
  return def;
}
