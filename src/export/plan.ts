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
import { createRecordScanner, expandTables, nameColumns, scanRecords, type ScanResult, type TablePlan } from "./columns.ts";
import { definitionToTree, mergeTrees, type SurveyTree } from "../definition/answer-tree.ts";
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
  /**
   * The exported responses, oldest first (by `createdAt`, then id); empty for a plan made by
   * `planExportFromSource`, whose records stay in their source.
   */
  records: ExportRecord[];
  /** How many responses the export has (`records.length` when they are in memory). */
  responseCount: number;
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

/** Whether a record belongs in an export of `surveyId` with these options. */
export function isExported(r: Pick<ExportRecord, "surveyId" | "status">, surveyId: string, options: Pick<ExportOptions, "includeDrafts">): boolean {
  return r.surveyId === surveyId && (r.status === "completed" || options.includeDrafts);
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
  checkOptions(opts);
  let skippedDrafts = 0;
  const records: ExportRecord[] = [];
  const perVersion = new Map<number, number>();
  for (const r of input.records) {
    if (r.surveyId !== input.surveyId) continue;
    if (!isExported(r, input.surveyId, opts)) {
      skippedDrafts++;
      continue;
    }
    records.push(r);
    perVersion.set(r.surveyVersion, (perVersion.get(r.surveyVersion) ?? 0) + 1);
  }
  records.sort(compareRecords);
  const shape = shapeTree(input, perVersion);
  const scan = scanRecords(shape.tree, records, opts, shape.warn);
  return finishPlan(input.surveyId, opts, shape, scan, { records, responseCount: records.length, skippedDrafts });
}

/** Responses of one survey version, as a database counts them. */
export interface VersionCount {
  version: number;
  completed: number;
  drafts: number;
}

/**
 * Records that are not held in memory (the server reads them from its database): `counts` per
 * version, and `batches()`, which gives the survey's records oldest first (by `createdAt`, then
 * id, as `planExport` sorts them) and gives the same records every time it is called: the plan
 * reads them once, and each file of the export once more. Records that the options leave out
 * (drafts, other surveys) may be in the batches; they are skipped.
 */
export interface ExportSource {
  surveyId: string;
  definitions: readonly ExportDefinition[];
  counts: readonly VersionCount[];
  batches(): AsyncIterable<readonly ExportRecord[]>;
  /**
   * The same records for planning, where only `surveyId`, `status` and `data` are read: a source
   * may leave the other fields out to read less (default: `batches()`).
   */
  planBatches?(): AsyncIterable<readonly Pick<ExportRecord, "surveyId" | "status" | "data">[]>;
}

/** `planExport` for an `ExportSource`: one pass over the batches; the plan's `records` stay empty. */
export async function planExportFromSource(source: ExportSource, options?: Partial<ExportOptions>): Promise<ExportPlan> {
  const opts = withDefaultOptions(options);
  checkOptions(opts);
  const perVersion = new Map<number, number>();
  let skippedDrafts = 0;
  let responseCount = 0;
  for (const c of source.counts) {
    const n = c.completed + (opts.includeDrafts ? c.drafts : 0);
    if (!opts.includeDrafts) skippedDrafts += c.drafts;
    responseCount += n;
    if (n > 0) perVersion.set(c.version, (perVersion.get(c.version) ?? 0) + n);
  }
  const shape = shapeTree(source, perVersion);
  const scanner = createRecordScanner(shape.tree, opts, shape.warn);
  for await (const batch of source.planBatches ? source.planBatches() : source.batches()) for (const r of batch) if (isExported(r, source.surveyId, opts)) scanner.add(r);
  return finishPlan(source.surveyId, opts, shape, scanner.finish(), { records: [], responseCount, skippedDrafts });
}

/** Options that cannot go together. */
function checkOptions(opts: ExportOptions): void {
  if (opts.decimalMark === "," && opts.delimiter === "comma") throw new ExportError('a decimal comma needs the "semicolon" or "tab" delimiter');
}

interface TreeShape {
  tree: SurveyTree;
  used: ExportDefinition[];
  warnings: ExportWarning[];
  warn: (w: ExportWarning) => void;
}

/** The merged definition tree of the versions that have responses (the newest when none has). */
function shapeTree(input: { surveyId: string; definitions: readonly ExportDefinition[] }, perVersion: Map<number, number>): TreeShape {
  const warnings: ExportWarning[] = [];
  const warn = (w: ExportWarning) => void warnings.push(w);
  const defs = input.definitions.filter((d) => d.surveyId === input.surveyId).sort((a, b) => b.version - a.version);
  if (defs.length === 0) throw new ExportError(`no definition of the survey "${input.surveyId}" was given`);

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
  return { tree, used, warnings, warn };
}

function finishPlan(
  surveyId: string,
  opts: ExportOptions,
  shape: TreeShape,
  scan: ScanResult,
  rows: Pick<ExportPlan, "records" | "responseCount" | "skippedDrafts">,
): ExportPlan {
  const { tree, used, warnings, warn } = shape;
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
    surveyId,
    options: opts,
    tables,
    ...rows,
    versions: used.map((d) => d.version),
    languages,
    defaultLanguage: defaultLanguageOf(newest.json),
    warnings,
    fileBase: fileSafe(surveyId),
  };
}

/** A parsed survey file (envelope + SurveyJS JSON) as an export definition. */
export function surveyFileToExportDefinition(file: { id: string; version: number; languages?: readonly string[] } & Record<string, unknown>): ExportDefinition {
  const def: ExportDefinition = { surveyId: file.id, version: file.version, json: file };
  if (file.languages) def.languages = file.languages;
  return def;
}
