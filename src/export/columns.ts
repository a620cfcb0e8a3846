/**
 * Answer tree + records → the tables and columns of an export, and fast cell extractors.
 *
 * Column names join segments with the separator: `q`, `q/other`, `q/comment`, `q/choice`
 * (multi = columns), `q/row` (matrix), `q/row/column` (matrixdropdown), `q/item`
 * (multipletext), `q/2/sub` (wide repeats). Repeats in "files" mode get their own table whose
 * columns are named by the sub-questions' own names.
 */
import { attachmentName } from "./attachments.ts";
import { unknownNode, type Choice, type MultiNode, type QuestionNode, type RepeatNode, type SurveyTree, type ValueNode } from "../definition/answer-tree.ts";
import { builtInText, textIn } from "../definition/text.ts";
import type { ExportOptions, ExportRecord, ExportWarning, LocalizedText, NameSeparator } from "./types.ts";

export type PathSeg = string | number;
export type Cell = string | number | boolean | null | undefined;

/** How a column's cell is read from the value found at its path. */
export type Leaf =
  | { kind: "value" }
  | { kind: "joined" }
  | { kind: "choice"; choice: Choice }
  | { kind: "otherInline" }
  | { kind: "text" }
  | { kind: "itemComment"; choice: Choice }
  | { kind: "count" };

/** What a name segment stands for, for the codebook's `name_parts`. */
export type PartRole = "question" | "row" | "column" | "item" | "entry" | "choice" | "other" | "comment";

export interface ColumnSpec {
  /** Raw name segments (before joining and R-safe cleaning). */
  segments: string[];
  roles: PartRole[];
  /** Header title segments (number = repeat entry). */
  titles: (LocalizedText | number)[];
  /** Title segments of the enclosing repeat (files mode), shown in the codebook only. */
  context: (LocalizedText | number)[];
  /** Top-level question name. */
  question: string;
  /** The node whose answer this column shows. */
  node: QuestionNode;
  /** Where the value is, from the table row's scope (a response's data, or one repeat entry). */
  path: PathSeg[];
  leaf: Leaf;
  /** Final header name (set by {@link nameColumns}). */
  name: string;
}

export interface TablePlan {
  /** Node names from the survey down to this repeat, "" for the main table. */
  id: string;
  columns: ColumnSpec[];
  /** For repeat tables: the parent table and the path from a parent row to the array. */
  source?: { parent: TablePlan; path: PathSeg[]; node: RepeatNode };
  /** Key columns before the answers (repeat tables): response_id, parents' indexes, index. */
  keyNames: string[];
}

// ---------------------------------------------------------------------------------------------
// Scanning the records: repeat sizes, values and keys no definition knows
// ---------------------------------------------------------------------------------------------

type Container = { children: QuestionNode[]; extraChild: (key: string) => QuestionNode };

export interface ScanResult {
  repeatMax: Map<RepeatNode, number>;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function itemCode(item: unknown): string {
  const o = asRecord(item);
  if (o && "value" in o) return String(o["value"]);
  return typeof item === "string" ? item : String(item);
}

/**
 * Walks every record once: sizes of repeats (for wide columns), codes missing from the
 * definitions (for one-column-per-choice) and keys no definition knows. The tree is extended
 * in place so that nothing in the data is left out of the export; each extension is warned about.
 */
export function scanRecords(
  tree: SurveyTree,
  records: Iterable<ExportRecord>,
  options: Pick<ExportOptions, "multi">,
  warn: (w: ExportWarning) => void,
): ScanResult {
  const scanner = createRecordScanner(tree, options, warn);
  for (const r of records) scanner.add(r);
  return scanner.finish();
}

/**
 * The same scan, fed one record at a time: for records that are read in batches and never held
 * together (the server's export reads them from its database). `finish()` extends the tree.
 */
export function createRecordScanner(
  tree: SurveyTree,
  options: Pick<ExportOptions, "multi">,
  warn: (w: ExportWarning) => void,
): { add(record: Pick<ExportRecord, "data">): void; finish(): ScanResult } {
  const suffix = tree.commentSuffix;
  const repeatMax = new Map<RepeatNode, number>();
  const extraCodes = new Map<MultiNode, Map<string, unknown>>();
  const unknown = new Map<Container, Map<string, number>>();
  const comments = new Map<QuestionNode, number>();
  const known = new Map<Container, { keys: Set<string>; byComment: Map<string, QuestionNode> }>();
  const root: Container = { children: tree.nodes, extraChild: unknownNode };
  const wantCodes = options.multi === "columns";

  const knownOf = (c: Container) => {
    let k = known.get(c);
    if (!k) {
      const keys = new Set<string>();
      const byComment = new Map<string, QuestionNode>();
      for (const child of c.children) {
        keys.add(child.key);
        const commentKey = child.key + suffix;
        if (child.comment || ((child.kind === "value" || child.kind === "multi") && child.other && !child.other.inline)) keys.add(commentKey);
        else byComment.set(commentKey, child);
      }
      k = { keys, byComment };
      known.set(c, k);
    }
    return k;
  };

  const scanContainer = (c: Container, scope: Record<string, unknown>) => {
    const k = knownOf(c);
    for (const child of c.children) {
      const v = scope[child.key];
      if (v !== undefined && v !== null) scanNode(child, v);
    }
    for (const key in scope) {
      if (k.keys.has(key) || !Object.hasOwn(scope, key)) continue;
      const commented = k.byComment.get(key);
      if (commented) comments.set(commented, (comments.get(commented) ?? 0) + 1);
      else {
        let m = unknown.get(c);
        if (!m) unknown.set(c, (m = new Map()));
        m.set(key, (m.get(key) ?? 0) + 1);
      }
    }
  };

  const scanNode = (node: QuestionNode, v: unknown): void => {
    switch (node.kind) {
      case "value":
        return;
      case "multi": {
        if (!wantCodes || node.joinedOnly || (node.other && node.other.inline)) return;
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) {
          const code = itemCode(item);
          if (node.choices.some((c) => c.code === code)) continue;
          let m = extraCodes.get(node);
          if (!m) extraCodes.set(node, (m = new Map()));
          if (!m.has(code)) m.set(code, asRecord(item)?.["value"] ?? item);
        }
        return;
      }
      case "group": {
        const o = asRecord(v);
        if (o) scanContainer(node, o);
        return;
      }
      case "repeat": {
        if (!Array.isArray(v)) return;
        if (v.length > (repeatMax.get(node) ?? 0)) repeatMax.set(node, v.length);
        for (const item of v) {
          const o = asRecord(item);
          if (o) scanContainer(containerFor(node), o);
        }
        return;
      }
    }
  };
  const containerOf = new Map<RepeatNode, Container>();
  const containerFor = (node: RepeatNode): Container => {
    let c = containerOf.get(node);
    if (!c) containerOf.set(node, (c = { children: node.children, extraChild: unknownNode }));
    return c;
  };

  const add = (r: Pick<ExportRecord, "data">) => {
    const data = asRecord(r.data);
    if (data) scanContainer(root, data);
  };

  const finish = (): ScanResult => {
    for (const [node, count] of comments) {
      node.comment = {};
      warn({ code: "unknown-key", subject: node.key + suffix, count, message: `"${node.key}${suffix}" (a comment) is not in the survey definition; exported as ${node.name}/comment` });
    }
    for (const [node, codes] of extraCodes) {
      for (const [code, value] of codes) {
        node.choices.push({ value: typeof value === "number" || typeof value === "boolean" ? value : code, code, extra: true });
        warn({ code: "unknown-key", subject: `${node.name}/${code}`, message: `code "${code}" of ${node.name} is not a choice in the survey definition; it gets its own column` });
      }
    }
    for (const [c, keys] of unknown) {
      for (const [key, count] of keys) {
        c.children.push(c.extraChild(key));
        warn({ code: "unknown-key", subject: key, count, message: `"${key}" is not in the survey definition; exported as an extra column` });
      }
    }
    return { repeatMax };
  };
  return { add, finish };
}

// ---------------------------------------------------------------------------------------------
// Expansion into columns and tables
// ---------------------------------------------------------------------------------------------

interface Prefix {
  path: PathSeg[];
  segments: string[];
  roles: PartRole[];
  titles: (LocalizedText | number)[];
  context: (LocalizedText | number)[];
  question: string | undefined;
}

const EMPTY_PREFIX: Prefix = { path: [], segments: [], roles: [], titles: [], context: [], question: undefined };

export function expandTables(tree: SurveyTree, scan: ScanResult, options: Pick<ExportOptions, "multi" | "repeats">): TablePlan[] {
  const suffix = tree.commentSuffix;
  const main: TablePlan = { id: "", columns: [], keyNames: [] };
  const tables: TablePlan[] = [main];

  const push = (table: TablePlan, p: Prefix, node: QuestionNode, extra: { seg?: string; role?: PartRole; title?: LocalizedText; path?: PathSeg[] }, leaf: Leaf) => {
    table.columns.push({
      segments: extra.seg === undefined ? p.segments : [...p.segments, extra.seg],
      roles: extra.role === undefined ? p.roles : [...p.roles, extra.role],
      titles: extra.title === undefined ? p.titles : [...p.titles, extra.title],
      context: p.context,
      question: p.question ?? node.name,
      node,
      path: extra.path ?? p.path,
      leaf,
      name: "",
    });
  };

  const expand = (table: TablePlan, node: QuestionNode, parent: Prefix, role: PartRole) => {
    const p: Prefix = {
      path: [...parent.path, node.key],
      segments: [...parent.segments, node.name],
      roles: [...parent.roles, role],
      titles: [...parent.titles, node.title ?? node.name],
      context: parent.context,
      question: parent.question ?? node.name,
    };
    const siblingPath = (key: string) => [...parent.path, key + suffix];
    const choiceExtras = (n: ValueNode | MultiNode) => {
      if (n.other) {
        const title = n.other.text ?? builtInText("other");
        if (n.other.inline) push(table, p, n, { seg: "other", role: "other", title }, { kind: "otherInline" });
        else push(table, p, n, { seg: "other", role: "other", title, path: siblingPath(n.key) }, { kind: "text" });
      }
      for (const c of n.choices) {
        if (c.commentArea) {
          const withChoice: Prefix = { ...p, segments: [...p.segments, c.code], roles: [...p.roles, "choice"], titles: [...p.titles, c.text ?? c.code] };
          push(table, withChoice, n, { seg: "comment", role: "comment", title: builtInText("comment") }, { kind: "itemComment", choice: c });
        }
      }
    };
    switch (node.kind) {
      case "value":
        push(table, p, node, {}, { kind: "value" });
        choiceExtras(node);
        break;
      case "multi":
        if (node.joinedOnly || options.multi === "joined") push(table, p, node, {}, { kind: "joined" });
        else {
          for (const c of node.choices) {
            if (!c.isOther) push(table, p, node, { seg: c.code, role: "choice", title: c.text ?? c.code }, { kind: "choice", choice: c });
          }
        }
        choiceExtras(node);
        break;
      case "group": {
        // matrix → rows; multipletext → items; a matrixdropdown row → its columns (cells).
        const role2: PartRole = node.childRole === "row" ? "row" : role === "row" ? "column" : "item";
        for (const child of node.children) expand(table, child, p, role2);
        break;
      }
      case "repeat":
        if (options.repeats === "wide") {
          const n = scan.repeatMax.get(node) ?? 0;
          for (let i = 0; i < n; i++) {
            const entry: Prefix = { ...p, path: [...p.path, i], segments: [...p.segments, String(i + 1)], roles: [...p.roles, "entry"], titles: [...p.titles, i + 1] };
            for (const child of node.children) expand(table, child, entry, "question");
          }
        } else {
          push(table, p, node, {}, { kind: "count" });
          const sub: TablePlan = {
            id: table.id ? `${table.id}-${node.name}` : node.name,
            columns: [],
            source: { parent: table, path: p.path, node },
            keyNames: [],
          };
          tables.push(sub);
          const subPrefix: Prefix = { ...EMPTY_PREFIX, context: [...parent.context, ...p.titles], question: p.question };
          for (const child of node.children) expand(sub, child, subPrefix, "question");
        }
        break;
    }
    if (node.comment) push(table, p, node, { seg: "comment", role: "comment", title: node.comment.text ?? builtInText("comment"), path: siblingPath(node.key) }, { kind: "text" });
  };

  for (const node of tree.nodes) expand(main, node, EMPTY_PREFIX, "question");
  return tables;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const R_RESERVED = new Set([
  "if", "else", "repeat", "while", "function", "for", "next", "break", "in", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA",
  "NA_integer_", "NA_real_", "NA_character_", "NA_complex_",
]);

/**
 * A syntactic R name (what `make.names` leaves unchanged) that Stata also accepts when the
 * separator is "_": letters, digits, "_" and "." only, starting with a letter.
 */
export function toSafeName(name: string, separator: "_" | "."): string {
  let out = "";
  for (const ch of name) out += /[\p{L}\p{N}_.]/u.test(ch) ? ch : "_";
  if (separator === "_") out = out.replaceAll(".", "_");
  if (!/^\p{L}/u.test(out)) out = `X${out}`;
  if (R_RESERVED.has(out)) out += separator;
  return out;
}

export function joinName(segments: readonly string[], separator: NameSeparator): string {
  const joined = segments.join(separator);
  return separator === "/" ? joined : toSafeName(joined, separator);
}

export const METADATA_COLUMNS = ["response_id", "survey_id", "survey_version", "status", "language", "created_at", "updated_at", "completed_at"] as const;

/** Sets every column's final name; a name used twice gets `<sep>2`, `<sep>3`, ... and a warning. */
export function nameColumns(tables: readonly TablePlan[], separator: NameSeparator, warn: (w: ExportWarning) => void): void {
  for (const table of tables) {
    if (table.source) {
      const keys = ["response_id"];
      const chain: TablePlan[] = [];
      for (let t: TablePlan | undefined = table.source.parent; t?.source; t = t.source.parent) chain.unshift(t);
      for (const t of chain) keys.push(joinName([t.source?.node.name ?? "", "index"], separator));
      keys.push("index");
      table.keyNames = keys;
    }
    const used = new Set<string>([...table.keyNames, ...(table.source ? [] : METADATA_COLUMNS)]);
    for (const col of table.columns) {
      const base = joinName(col.segments, separator);
      let name = base;
      for (let n = 2; used.has(name); n++) name = `${base}${separator === "/" ? "_" : separator}${n}`;
      if (name !== base) {
        warn({ code: "duplicate-column", subject: base, message: `two columns would be named "${base}"; the second is "${name}"` });
      }
      used.add(name);
      col.name = name;
    }
  }
}

/** Header title of a column in `language`, segments joined with " / ". */
export function columnTitle(parts: readonly (LocalizedText | number)[], language: string, defaultLanguage: string): string {
  return parts.map((p) => (typeof p === "number" ? String(p) : (textIn(p, language, defaultLanguage) ?? ""))).join(" / ");
}

// ---------------------------------------------------------------------------------------------
// Extractors
// ---------------------------------------------------------------------------------------------

const UNSAFE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype).concat(["__proto__"]));

function pathGetter(path: readonly PathSeg[]): (scope: unknown) => unknown {
  const steps = path.map((seg) => {
    if (typeof seg === "number") return (o: unknown) => (Array.isArray(o) ? o[seg] : undefined);
    if (UNSAFE_KEYS.has(seg)) return (o: unknown) => (typeof o === "object" && o !== null && Object.hasOwn(o, seg) ? (o as Record<string, unknown>)[seg] : undefined);
    return (o: unknown) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[seg] : undefined);
  });
  if (steps.length === 1) {
    const [a] = steps as [(o: unknown) => unknown];
    return a;
  }
  if (steps.length === 2) {
    const [a, b] = steps as [(o: unknown) => unknown, (o: unknown) => unknown];
    return (s) => {
      const v = a(s);
      return v === undefined || v === null ? undefined : b(v);
    };
  }
  return (s) => {
    let v = s;
    for (const step of steps) {
      if (v === undefined || v === null) return undefined;
      v = step(v);
    }
    return v;
  };
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A value that is not a scalar, written as text: arrays of scalars joined with ";", the rest as JSON. */
function compoundToText(v: object): string {
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== "object")) return v.map((x) => (x === null ? "" : String(x))).join(";");
  return JSON.stringify(v);
}

export interface ExtractOptions {
  labels: boolean;
  language: string;
  defaultLanguage: string;
}

/** A function from a row scope to the column's cell. Codes are written as stored; labels mode maps codes to choice texts. */
export function compileColumn(col: ColumnSpec, opts: ExtractOptions): (scope: unknown) => Cell {
  const get = pathGetter(col.path);
  const node = col.node;
  const choices: readonly Choice[] = node.kind === "value" || node.kind === "multi" ? node.choices : [];
  const codes = new Set(choices.map((c) => c.code));
  const numeric = (node.kind === "value" || node.kind === "multi") && node.numeric;
  const inlineOther = (node.kind === "value" || node.kind === "multi") && node.other?.inline === true;
  let label: ((code: string) => string | undefined) | undefined;
  if (opts.labels && choices.length > 0) {
    const map = new Map<string, string>();
    for (const c of choices) {
      const t = c.text === undefined ? undefined : textIn(c.text, opts.language, opts.defaultLanguage);
      if (t !== undefined) map.set(c.code, t);
    }
    label = (code) => map.get(code);
  }
  /** One stored item (scalar or `{ value, comment }`) → its code or label. */
  const codeOf = (item: unknown): Cell => {
    let v = item;
    if (typeof v === "object" && v !== null) {
      if (!Array.isArray(v) && "value" in v) v = (v as { value: unknown }).value;
      else return compoundToText(v);
    }
    if (v === undefined || v === null) return undefined;
    if (inlineOther && !codes.has(String(v))) v = "other";
    if (label) {
      const t = label(String(v));
      if (t !== undefined) return t;
    }
    if (numeric && typeof v === "string" && PLAIN_NUMBER.test(v)) return Number(v);
    return v as Cell;
  };
  switch (col.leaf.kind) {
    case "value":
      if (node.kind === "value" && node.files) {
        return (s) => {
          const v = get(s);
          if (v === undefined || v === null) return undefined;
          const list = Array.isArray(v) ? v : [v];
          return list.map((f) => attachmentName(f, node.name)).join(";");
        };
      }
      return (s) => {
        const v = get(s);
        if (v === undefined || v === null) return undefined;
        if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => codeOf(x) ?? "").join(";");
        return codeOf(v);
      };
    case "joined":
      return (s) => {
        const v = get(s);
        if (v === undefined || v === null) return undefined;
        if (!Array.isArray(v)) return codeOf(v);
        if (v.length === 0) return undefined;
        let out = "";
        for (let i = 0; i < v.length; i++) {
          const c = codeOf(v[i]);
          out += i === 0 ? String(c ?? "") : `;${String(c ?? "")}`;
        }
        return out;
      };
    case "choice": {
      const want = col.leaf.choice.code;
      return (s) => {
        const v = get(s);
        if (v === undefined || v === null || v === "") return undefined;
        if (!Array.isArray(v)) return itemCode(v) === want ? 1 : 0;
        if (v.length === 0) return undefined;
        for (let i = 0; i < v.length; i++) if (itemCode(v[i]) === want) return 1;
        return 0;
      };
    }
    case "otherInline":
      return (s) => {
        const v = get(s);
        if (v === undefined || v === null) return undefined;
        const list = Array.isArray(v) ? v : [v];
        const texts: string[] = [];
        for (const item of list) {
          const code = itemCode(item);
          if (!codes.has(code)) texts.push(code);
        }
        return texts.length === 0 ? undefined : texts.join(";");
      };
    case "text":
      return (s) => {
        const v = get(s);
        if (v === undefined || v === null) return undefined;
        return typeof v === "object" ? compoundToText(v) : (v as Cell);
      };
    case "itemComment": {
      const want = col.leaf.choice.code;
      return (s) => {
        const v = get(s);
        const list = Array.isArray(v) ? v : [v];
        for (const item of list) {
          const o = asRecord(item);
          if (o && String(o["value"]) === want && o["comment"] !== undefined) return String(o["comment"]);
        }
        return undefined;
      };
    }
    case "count":
      return (s) => {
        const v = get(s);
        return Array.isArray(v) ? v.length : undefined;
      };
  }
}

/** The nodes of a repeat table's rows for one response: each entry with its 1-based index path. */
export function repeatRows(table: TablePlan, data: unknown): { scope: unknown; indexes: number[] }[] {
  const source = table.source;
  if (!source) return [{ scope: data, indexes: [] }];
  const get = pathGetter(source.path);
  const out: { scope: unknown; indexes: number[] }[] = [];
  for (const parent of repeatRows(source.parent, data)) {
    const list = get(parent.scope);
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) out.push({ scope: list[i], indexes: [...parent.indexes, i + 1] });
  }
  return out;
}
