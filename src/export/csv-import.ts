/**
 * Reading a CSV this app exported back into response records (best effort).
 *
 * Works for exports with question names as headers (any separator), codes as values and the
 * wide layout, with the metadata columns (response_id … completed_at). What cannot be restored
 * is reported, column by column: headers that match no question, file contents, repeats that
 * were exported as separate files, and values that are not codes (an export with labels). A
 * CSV has no `currentPage` or `progress`: restored records get `null` and 100 (completed) or 0.
 * The text is parsed by papaparse (streaming from a File in the import worker).
 */
import type { Problem } from "../schema/problem.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { recordToRejection, type RejectedRecord } from "../schema/responses-file.ts";
import { itemCode, METADATA_COLUMNS, type Leaf, type PathSeg } from "./columns.ts";
import { CsvFileError, isBlank, parseCsv, rowLines } from "./csv-reader.ts";
import { unneutralize } from "./csv-writer.ts";
import { definitionToTree, mergeTrees, type Choice, type QuestionNode, type SurveyTree } from "../definition/answer-tree.ts";
import type { ExportDefinition, NameSeparator, Scalar } from "./types.ts";

export interface ColumnNotRestored {
  column: string;
  /** Why, for the UI's wording: no such question, a repeat in other files, file names, values that are not codes. */
  code: "no-question" | "repeat-files" | "file-names" | "not-codes";
  reason: string;
  /** Rows concerned (for values that are not codes). */
  count?: number;
}

export type CsvImportResult =
  | { ok: true; records: ResponseRecord[]; rejected: RejectedRecord[]; notRestored: ColumnNotRestored[]; separator: NameSeparator }
  | { ok: false; problems: Problem[] };

interface Restorer {
  column: string;
  node: QuestionNode;
  path: PathSeg[];
  leaf: Leaf;
  /** Rows whose value is not a code of the question. */
  notCodes: number;
  /** For an "other" text kept in `<key>-Comment`: where the question's value is, to add the "other" code. */
  otherValuePath?: PathSeg[];
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function normalizer(sep: NameSeparator): (s: string) => string {
  if (sep === "/") return (s) => s;
  return (s) => {
    let out = "";
    for (const ch of s) out += /[\p{L}\p{N}_.]/u.test(ch) ? ch : "_";
    return sep === "_" ? out.replaceAll(".", "_") : out;
  };
}

/** Header → where its value goes, by walking the answer tree along the name. */
function matcher(tree: SurveyTree, sep: NameSeparator) {
  const norm = normalizer(sep);
  const suffix = tree.commentSuffix;
  const byLength = (nodes: readonly QuestionNode[]) => [...nodes].sort((a, b) => norm(b.name).length - norm(a.name).length);

  const inNodes = (nodes: readonly QuestionNode[], rest: string, path: PathSeg[]): Omit<Restorer, "column" | "notCodes"> | undefined => {
    for (const node of byLength(nodes)) {
      const seg = norm(node.name);
      if (!rest.startsWith(seg)) continue;
      const after = rest.slice(seg.length);
      if (after !== "" && !after.startsWith(sep)) continue;
      const m = inNode(node, after.slice(sep.length), path);
      if (m) return m;
    }
    return undefined;
  };

  const inNode = (node: QuestionNode, rest: string, parent: PathSeg[]): Omit<Restorer, "column" | "notCodes"> | undefined => {
    const path = [...parent, node.key];
    const commentPath = [...parent, node.key + suffix];
    if (rest === "") {
      if (node.kind === "value") return { node, path, leaf: { kind: "value" } };
      if (node.kind === "multi") return { node, path, leaf: { kind: "joined" } };
      if (node.kind === "repeat") return { node, path, leaf: { kind: "count" } };
      return undefined;
    }
    if (rest === "comment" && node.comment) return { node, path: commentPath, leaf: { kind: "text" } };
    if (node.kind === "value" || node.kind === "multi") {
      if (rest === "other" && node.other) {
        return node.other.inline
          ? { node, path, leaf: { kind: "otherInline" } }
          : { node, path: commentPath, leaf: { kind: "text" }, otherValuePath: path };
      }
      for (const c of node.choices) {
        const code = norm(c.code);
        if (rest === code && node.kind === "multi") return { node, path, leaf: { kind: "choice", choice: c } };
        if (rest === `${code}${sep}comment`) return { node, path, leaf: { kind: "itemComment", choice: c } };
      }
      return undefined;
    }
    if (node.kind === "group") return inNodes(node.children, rest, path);
    const m = /^(\d+)(.*)$/s.exec(rest);
    if (!m) return undefined;
    const index = Number(m[1]);
    const after = m[2] ?? "";
    if (index < 1 || !after.startsWith(sep)) return undefined;
    return inNodes(node.children, after.slice(sep.length), [...path, index - 1]);
  };

  return (header: string) => {
    const direct = inNodes(tree.nodes, header, []);
    if (direct || sep === "/" || !header.startsWith("X")) return direct;
    return inNodes(tree.nodes, header.slice(1), []);
  };
}

function choiceFor(choices: readonly Choice[], code: string): Choice | undefined {
  for (const c of choices) if (c.code === code) return c;
  return undefined;
}

/** A code from the CSV → the stored value (typed like the choice, or a number for numeric questions). */
function typedValue(node: QuestionNode, text: string, r: Restorer): Scalar | unknown {
  if (node.kind === "value" || node.kind === "multi") {
    if (node.choices.length > 0) {
      const c = choiceFor(node.choices, text);
      if (c) return c.value;
      if (!node.other?.inline && !node.extra) r.notCodes++;
    }
    if (node.numeric && PLAIN_NUMBER.test(text)) return Number(text);
    if (node.extra && (text.startsWith("{") || text.startsWith("["))) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
  }
  return text;
}

function container(root: Record<string, unknown>, path: readonly PathSeg[]): Record<string, unknown> | unknown[] {
  let cur: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as PathSeg;
    const nextIsIndex = typeof path[i + 1] === "number";
    const holder = cur as Record<string | number, unknown>;
    let next = holder[seg];
    if (typeof next !== "object" || next === null) {
      next = nextIsIndex ? [] : {};
      holder[seg] = next;
    }
    cur = next as Record<string, unknown> | unknown[];
  }
  return cur;
}

function getAt(root: Record<string, unknown>, path: readonly PathSeg[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function setAt(root: Record<string, unknown>, path: readonly PathSeg[], value: unknown): void {
  const holder = container(root, path) as Record<string | number, unknown>;
  holder[path[path.length - 1] as PathSeg] = value;
}

/** Wide repeats skip empty entries' columns: an entry with no answer at all comes back as `{}`. */
function fillHoles(v: unknown): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (v[i] === undefined) v[i] = {};
      else fillHoles(v[i]);
    }
  } else if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) fillHoles(x);
  }
}

function restore(r: Restorer, data: Record<string, unknown>, text: string): void {
  const { node, path, leaf } = r;
  switch (leaf.kind) {
    case "value":
      setAt(data, path, typedValue(node, text, r));
      return;
    case "joined":
      setAt(data, path, text.split(";").map((t) => typedValue(node, t, r)));
      return;
    case "choice": {
      if (text !== "1") return;
      const current = getAt(data, path);
      if (Array.isArray(current)) current.push(leaf.choice.value);
      else setAt(data, path, [leaf.choice.value]);
      return;
    }
    case "otherInline": {
      const current = getAt(data, path);
      if (Array.isArray(current)) {
        const at = current.findIndex((x) => itemCode(x) === "other");
        if (at >= 0) current[at] = text;
        else current.push(text);
      } else setAt(data, path, node.kind === "multi" ? [text] : text);
      return;
    }
    case "text": {
      setAt(data, path, text);
      const at = r.otherValuePath;
      if (!at) return;
      // With one column per choice there is no "other" 1/0 column: the text says it was chosen.
      const current = getAt(data, at);
      if (Array.isArray(current)) {
        if (!current.some((x) => itemCode(x) === "other")) current.push("other");
      } else if (current === undefined) setAt(data, at, node.kind === "multi" ? ["other"] : "other");
      return;
    }
    case "itemComment": {
      const current = getAt(data, path);
      const code = leaf.choice.code;
      if (Array.isArray(current)) {
        const at = current.findIndex((x) => itemCode(x) === code);
        if (at >= 0) current[at] = { value: leaf.choice.value, comment: text };
      } else if (current !== undefined && itemCode(current) === code) setAt(data, path, { value: leaf.choice.value, comment: text });
      return;
    }
    case "count":
      return;
  }
}

/** What the reader says about one data row. */
export type CsvRowResult =
  | { ok: true; record: ResponseRecord }
  /** `surveyId`: the row is of a survey with no definition here. */
  | { ok: false; rejected: RejectedRecord; surveyId?: string }
  /** A blank line. */
  | undefined;

export interface CsvRecordReaderOptions {
  /**
   * Why a row of a survey with no definition here is not imported (default: the survey is not
   * installed). The import says when it is another installed survey.
   */
  otherSurvey?: (surveyId: string) => string;
}

/**
 * Turns the rows of an exported CSV into records, one row at a time (the rows come from
 * papaparse, streaming: see `csvRows`). `definitions` are every installed version of the surveys
 * whose rows can be read; the other rows are rejected. The header is matched against a survey's
 * questions when its first row comes: too few matching columns fail the file (an export with
 * titles), columns that match nothing are reported in `notRestored()`.
 */
export function createCsvRecordReader(fileName: string, definitions: readonly ExportDefinition[], options: CsvRecordReaderOptions = {}) {
  let header: string[] | undefined;
  let at = new Map<string, number>();
  const metaSet = new Set<string>(METADATA_COLUMNS);
  const notRestored: ColumnNotRestored[] = [];
  const surveys = new Map<string, { restorers: { r: Restorer; i: number }[]; sep: NameSeparator } | { reason: string }>();
  let separator: NameSeparator = "/";
  const problem = (message: string, line = 1): Problem[] => [{ file: fileName, path: "", severity: "error", source: "csv", message, line }];

  const meta = (row: readonly string[], name: string) => row[at.get(name) as number] ?? "";

  /** The columns of one survey, matched once. */
  const surveyColumns = (surveyId: string) => {
    const known = surveys.get(surveyId);
    if (known) return known;
    const defs = definitions.filter((d) => d.surveyId === surveyId).sort((a, b) => b.version - a.version);
    if (defs.length === 0) {
      const entry = { reason: options.otherSurvey?.(surveyId) ?? `the survey "${surveyId}" is not installed` };
      surveys.set(surveyId, entry);
      return entry;
    }
    const tree = mergeTrees(defs.map((d) => definitionToTree(d.json)), () => undefined);
    const answerHeaders = (header ?? []).map((h, i) => ({ h, i })).filter((x) => !metaSet.has(x.h));
    let best: { sep: NameSeparator; found: (Restorer | undefined)[]; hits: number } | undefined;
    for (const sep of ["/", "_", "."] as const) {
      const match = matcher(tree, sep);
      const found = answerHeaders.map(({ h }) => {
        const m = match(h);
        return m ? { ...m, column: h, notCodes: 0 } : undefined;
      });
      const hits = found.filter(Boolean).length;
      if (!best || hits > best.hits) best = { sep, found, hits };
    }
    const chosen = best!;
    if (chosen.hits * 2 < answerHeaders.length) {
      throw new CsvFileError(
        problem(`only ${chosen.hits} of ${answerHeaders.length} columns are question names of "${surveyId}": only exports with question names as headers can be imported (was it exported with titles?)`),
      );
    }
    separator = chosen.sep;
    const restorers: { r: Restorer; i: number }[] = [];
    answerHeaders.forEach(({ h, i }, k) => {
      const r = chosen.found[k];
      if (!r) notRestored.push({ column: h, code: "no-question", reason: `the survey "${surveyId}" has no question with this name: its values were not imported` });
      else if (r.leaf.kind === "count") notRestored.push({ column: h, code: "repeat-files", reason: "the entries of this repeat were exported as separate files" });
      else if (r.node.kind === "value" && r.node.files) notRestored.push({ column: h, code: "file-names", reason: "a CSV holds file names, not the files" });
      else restorers.push({ r, i });
    });
    const entry = { restorers, sep: chosen.sep };
    surveys.set(surveyId, entry);
    return entry;
  };

  return {
    /** The first row. Fails when it lacks the metadata columns this app writes. */
    header(fields: readonly string[]): { ok: true } | { ok: false; problems: Problem[] } {
      if (isBlank(fields)) return { ok: false, problems: problem("the file is empty") };
      header = [...fields];
      at = new Map(header.map((h, i) => [h, i]));
      const missing = METADATA_COLUMNS.filter((m) => !at.has(m));
      if (missing.length > 0) {
        return {
          ok: false,
          problems: problem(`the header has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}: only CSV files exported by this app (with question names as headers) can be imported`),
        };
      }
      return { ok: true };
    },

    /**
     * One data row (`line`: where it starts in the file). Throws {@link CsvFileError} when the
     * file as a whole cannot be read (its headers are not question names).
     */
    row(row: readonly string[], line: number): CsvRowResult {
      if (isBlank(row)) return undefined;
      const surveyId = meta(row, "survey_id");
      const where = `line ${line}`;
      const columns = surveyColumns(surveyId);
      if ("reason" in columns) {
        const id = meta(row, "response_id");
        return { ok: false, surveyId, rejected: { index: line, line, ...(id ? { id } : {}), reason: columns.reason, path: where } };
      }
      const data: Record<string, unknown> = {};
      for (const { r, i: col } of columns.restorers) {
        const cell = row[col] ?? "";
        if (cell === "") continue;
        restore(r, data, unneutralize(cell));
      }
      fillHoles(data);
      const status = meta(row, "status");
      const version = meta(row, "survey_version");
      const candidate = {
        id: meta(row, "response_id"),
        surveyId,
        surveyVersion: PLAIN_NUMBER.test(version) ? Number(version) : version,
        status,
        data,
        currentPage: null,
        language: meta(row, "language"),
        progress: status === "completed" ? 100 : 0,
        createdAt: meta(row, "created_at"),
        updatedAt: meta(row, "updated_at"),
        completedAt: meta(row, "completed_at") || null,
      };
      const checked = recordToRejection(candidate, line, where);
      return checked.ok ? checked : { ok: false, rejected: { ...checked.rejected, line } };
    },

    /** Columns whose values were not imported, and why (call at the end: counts of cells that are not codes). */
    notRestored(): ColumnNotRestored[] {
      const out = [...notRestored];
      for (const s of surveys.values()) {
        if ("reason" in s) continue;
        for (const { r } of s.restorers) {
          if (r.notCodes > 0) out.push({ column: r.column, code: "not-codes", count: r.notCodes, reason: "values that are not codes of the question were kept as text (was the file exported with labels?)" });
        }
      }
      return out;
    },

    separator: () => separator,
  };
}

/**
 * A whole exported CSV (text) → records. `definitions` are every installed version of the
 * surveys; rows of a survey with no definition are rejected. Records are validated like the JSON
 * import. (The app's import reads the file in a worker instead: src/export/import-job.ts.)
 */
export function csvToRecords(text: string, fileName: string, definitions: readonly ExportDefinition[], options: CsvRecordReaderOptions = {}): CsvImportResult {
  const { rows } = parseCsv(text);
  const reader = createCsvRecordReader(fileName, definitions, options);
  const head = reader.header(rows[0] ?? []);
  if (!head.ok) return head;
  const records: ResponseRecord[] = [];
  const rejected: RejectedRecord[] = [];
  let line = 1 + rowLines(rows[0] ?? []);
  try {
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i] as string[];
      const r = reader.row(row, line);
      line += rowLines(row);
      if (!r) continue;
      if (r.ok) records.push(r.record);
      else rejected.push(r.rejected);
    }
  } catch (e) {
    if (e instanceof CsvFileError) return { ok: false, problems: e.problems.map((p) => ({ ...p, file: fileName })) };
    throw e;
  }
  return { ok: true, records, rejected, notRestored: reader.notRestored(), separator: reader.separator() };
}
