/**
 * The answer tree: SurveyJS definition JSON → what every question stores, walked by hand (no
 * survey-core). The one model of a question's value shape, its columns and its codes: the export's
 * columns and codebook, the chart summaries, the CSV import, the designer's breaking-change check
 * and the demo-data generator all read it. tests/unit/export-csv.test.ts ("matches what
 * survey-core stores") holds it against survey-core's own data.
 *
 * A node says where an answer lives (its `key` in the enclosing object) and what shape it has:
 * - `value`: one scalar (text, number, radiogroup, dropdown, boolean, rating, expression, ...);
 * - `multi`: an array of codes (checkbox, tagbox, ranking, multi-select imagepicker, range slider);
 * - `group`: an object whose members are child nodes (matrix rows, multipletext items,
 *   matrixdropdown rows, whose members are the cells);
 * - `repeat`: an array of objects with the same child nodes (paneldynamic, matrixdynamic).
 * Panels are flattened: their questions take their place in definition order.
 */
import { asLocalizedText, builtInText, type LocalizedText, type Scalar } from "./text.ts";

type JsonObject = Readonly<Record<string, unknown>>;

export interface Choice {
  value: Scalar;
  /** `String(value)`: what is written in the CSV. */
  code: string;
  text?: LocalizedText;
  /** The built-in "other" item: its text goes in the `q/other` column. */
  isOther?: boolean;
  /** The item has its own comment box: survey-core stores `{ value, comment }`. */
  commentArea?: boolean;
  /** Not in any definition, only seen in the data. */
  extra?: boolean;
  /** One of the items survey-core adds by a flag (none, refused, don't know, other), not listed in `choices`. */
  builtIn?: boolean;
}

export interface OtherSpec {
  text?: LocalizedText;
  /**
   * Where survey-core keeps the "other" text: in `<key><commentSuffix>` (false), or in the value
   * itself in place of the "other" code (true: `storeOthersAsComment: false`, or a question that
   * also has a comment area).
   */
  inline: boolean;
}

interface NodeBase {
  /** Key of the answer in the enclosing object (question `valueName` or `name`, row value, item or column name). */
  key: string;
  /** Name for column headers: the question's own `name`, or the row value, item or column name. */
  name: string;
  /** SurveyJS type: question type, or the effective cell type inside a matrix. */
  type: string;
  title?: LocalizedText;
  /** Comment area: text stored under `<key><commentSuffix>` next to the answer. */
  comment?: { text?: LocalizedText };
  /** Seen only in data (a key no definition knows). */
  extra?: boolean;
}

export interface ValueNode extends NodeBase {
  kind: "value";
  choices: Choice[];
  /** Numeric answers: numeric-looking text is written as a number (never neutralized). */
  numeric: boolean;
  other?: OtherSpec;
  /** File question: the stored objects' `name`s are exported. */
  files?: boolean;
  /** Rating: texts of the lowest and highest values. */
  rateDescriptions?: { min?: LocalizedText; max?: LocalizedText };
  /** Text input type, for the codebook. */
  inputType?: string;
}

export interface MultiNode extends NodeBase {
  kind: "multi";
  choices: Choice[];
  numeric: boolean;
  other?: OtherSpec;
  /** Ranking: the order of the codes is the answer. */
  ordered: boolean;
  /** Always one joined column (ranking, range slider, checkbox cells inside a matrix). */
  joinedOnly: boolean;
}

export interface GroupNode extends NodeBase {
  kind: "group";
  children: QuestionNode[];
  /** What the children are, for the codebook. */
  childRole: "row" | "item";
  /** A node for a member key that no definition knows (a row removed from the survey, ...). */
  extraChild: (key: string) => QuestionNode;
  /** matrixdropdown: the cells every row has (each row's children are copies of these). */
  cells?: QuestionNode[];
}

export interface RepeatNode extends NodeBase {
  kind: "repeat";
  children: QuestionNode[];
}

export type QuestionNode = ValueNode | MultiNode | GroupNode | RepeatNode;

/** A change between versions the merged tree cannot represent (the newer shape wins). */
export interface TreeWarning {
  code: "type-changed";
  /** The question concerned. */
  subject: string;
  message: string;
}

export interface SurveyTree {
  /** Top-level answer nodes in definition order (including calculated values stored in the results). */
  nodes: QuestionNode[];
  commentSuffix: string;
}

// ---------------------------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------------------------

function asObject(v: unknown): JsonObject | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function objectsOf(v: unknown): JsonObject[] {
  if (!Array.isArray(v)) return [];
  const out: JsonObject[] = [];
  for (const x of v) {
    const o = asObject(x);
    if (o) out.push(o);
  }
  return out;
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** SurveyJS item values: `"a"`, `3` or `{ value, text }`. */
export function choicesOf(v: unknown): Choice[] {
  if (!Array.isArray(v)) return [];
  const out: Choice[] = [];
  const seen = new Set<string>();
  for (const item of v) {
    let choice: Choice | undefined;
    if (isScalar(item)) choice = { value: item, code: String(item) };
    else {
      const o = asObject(item);
      const value = o?.["value"];
      if (o && isScalar(value)) {
        choice = { value, code: String(value) };
        const text = asLocalizedText(o["text"]);
        if (text !== undefined) choice.text = text;
        if (o["showCommentArea"] === true) choice.commentArea = true;
      }
    }
    if (choice && !seen.has(choice.code)) {
      seen.add(choice.code);
      out.push(choice);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Walking one definition
// ---------------------------------------------------------------------------------------------

interface WalkContext {
  storeOthersAsComment: boolean;
  /** Questions by name, for `choicesFromQuestion`. */
  byName: Map<string, JsonObject>;
  /** Inside a matrix: checkbox/tagbox cells are one joined column. */
  inCell: boolean;
  /** Custom question types the file defines (its envelope's `components`), by lowercase name. */
  components: Map<string, JsonObject>;
}

const NO_VALUE_TYPES = new Set(["html", "image", "panel", "flowpanel"]);
const NUMERIC_INPUT_TYPES = new Set(["number", "range"]);

function indexQuestions(elements: unknown, out: Map<string, JsonObject>): void {
  for (const el of objectsOf(elements)) {
    const name = nonEmptyString(el["name"]);
    if (name && !out.has(name)) out.set(name, el);
    indexQuestions(el["elements"], out);
    indexQuestions(el["questions"], out);
    indexQuestions(el["templateElements"], out);
  }
}

function titleOf(el: JsonObject): LocalizedText | undefined {
  return asLocalizedText(el["title"]);
}

function hasOtherItem(el: JsonObject): boolean {
  return el["showOtherItem"] === true || el["hasOther"] === true;
}

function hasCommentArea(el: JsonObject): boolean {
  return el["showCommentArea"] === true || el["hasComment"] === true;
}

function numericRange(el: JsonObject): Choice[] {
  const min = numberOf(el["choicesMin"]);
  const max = numberOf(el["choicesMax"]);
  if (min === undefined || max === undefined || max < min) return [];
  const step = Math.max(numberOf(el["choicesStep"]) ?? 1, 1e-9);
  const out: Choice[] = [];
  for (let v = min; v <= max && out.length < 1000; v = Number((v + step).toFixed(10))) out.push({ value: v, code: String(v) });
  return out;
}

/** The question's choices plus its built-in none / refuse / don't-know / other items, in display order. */
function selectChoices(el: JsonObject, ctx: WalkContext): { choices: Choice[]; other?: OtherSpec } {
  let choices = choicesOf(el["choices"]);
  const from = nonEmptyString(el["choicesFromQuestion"]);
  if (choices.length === 0 && from) choices = choicesOf(ctx.byName.get(from)?.["choices"]);
  if (choices.length === 0) choices = numericRange(el);
  const codes = new Set(choices.map((c) => c.code));
  const builtIn = (on: boolean, value: string, text: LocalizedText | undefined) => {
    if (on && !codes.has(value)) {
      codes.add(value);
      choices.push(text === undefined ? { value, code: value, builtIn: true } : { value, code: value, text, builtIn: true });
    }
  };
  builtIn(el["showNoneItem"] === true || el["hasNone"] === true, "none", asLocalizedText(el["noneText"]) ?? builtInText("none"));
  builtIn(el["showRefuseItem"] === true, "refused", asLocalizedText(el["refuseText"]) ?? builtInText("refused"));
  builtIn(el["showDontKnowItem"] === true, "dontknow", asLocalizedText(el["dontKnowText"]) ?? builtInText("dontknow"));
  if (!hasOtherItem(el)) return { choices };
  const otherText = asLocalizedText(el["otherText"]) ?? builtInText("other");
  const existing = choices.find((c) => c.code === "other");
  if (existing) existing.isOther = true;
  else choices.push({ value: "other", code: "other", text: otherText, isOther: true, builtIn: true });
  const own = el["storeOthersAsComment"];
  const storeAsComment = own === true || own === false ? own : ctx.storeOthersAsComment;
  return { choices, other: { text: otherText, inline: !storeAsComment || hasCommentArea(el) } };
}

function ratingChoices(el: JsonObject): Choice[] {
  const rateValues = choicesOf(el["rateValues"]);
  if (rateValues.length > 0) return rateValues;
  const min = numberOf(el["rateMin"]) ?? 1;
  const stepRaw = numberOf(el["rateStep"]) ?? 1;
  const step = stepRaw > 0 ? stepRaw : 1;
  const count = numberOf(el["rateCount"]);
  const max = numberOf(el["rateMax"]) ?? (count !== undefined && count > 0 ? min + (count - 1) * step : 5);
  const out: Choice[] = [];
  for (let v = min; v <= max + 1e-9 && out.length < 1000; v = Number((v + step).toFixed(10))) out.push({ value: v, code: String(v) });
  return out;
}

function base(el: JsonObject, key: string, name: string, type: string): NodeBase {
  const node: NodeBase = { key, name, type };
  const title = titleOf(el);
  if (title !== undefined) node.title = title;
  if (hasCommentArea(el)) {
    const text = asLocalizedText(el["commentText"]);
    node.comment = text === undefined ? {} : { text };
  }
  return node;
}

function valueNode(b: NodeBase, extra: Omit<ValueNode, keyof NodeBase | "kind" | "choices" | "numeric"> & Partial<Pick<ValueNode, "choices" | "numeric">>): ValueNode {
  return { ...b, kind: "value", choices: [], numeric: false, ...extra };
}

function cellTypeOf(column: JsonObject, matrix: JsonObject): string {
  const own = nonEmptyString(column["cellType"])?.toLowerCase();
  if (own && own !== "default") return own;
  return nonEmptyString(matrix["cellType"])?.toLowerCase() ?? "dropdown";
}

/** Cells of a matrixdropdown / matrixdynamic row: its columns as questions, then its detail panel's questions. */
function rowCells(matrix: JsonObject, ctx: WalkContext): QuestionNode[] {
  const cellCtx: WalkContext = { ...ctx, inCell: true };
  const out: QuestionNode[] = [];
  for (const column of objectsOf(matrix["columns"])) {
    const name = nonEmptyString(column["name"]);
    if (!name) continue;
    const cell: Record<string, unknown> = { ...column, type: cellTypeOf(column, matrix) };
    if (choicesOf(cell["choices"]).length === 0 && matrix["choices"] !== undefined) cell["choices"] = matrix["choices"];
    const node = questionToNode(cell, cellCtx);
    if (node) out.push(node);
  }
  out.push(...elementsToNodes(matrix["detailElements"], cellCtx));
  return dedupeByKey(out);
}

function questionToNode(el: JsonObject, ctx: WalkContext): QuestionNode | undefined {
  const type = (nonEmptyString(el["type"]) ?? "").toLowerCase();
  const name = nonEmptyString(el["name"]);
  if (!name || NO_VALUE_TYPES.has(type)) return undefined;
  const key = nonEmptyString(el["valueName"]) ?? name;
  const b = base(el, key, name, type);
  switch (type) {
    case "text": {
      const inputType = (nonEmptyString(el["inputType"]) ?? "text").toLowerCase();
      return valueNode(b, { numeric: NUMERIC_INPUT_TYPES.has(inputType), inputType });
    }
    case "radiogroup":
    case "buttongroup":
    case "dropdown": {
      const { choices, other } = selectChoices(el, ctx);
      return valueNode(b, other ? { choices, other } : { choices });
    }
    case "imagepicker":
    case "checkbox":
    case "tagbox": {
      const { choices, other } = selectChoices(el, ctx);
      if (type === "imagepicker" && el["multiSelect"] !== true) return valueNode(b, other ? { choices, other } : { choices });
      const node: MultiNode = { ...b, kind: "multi", choices, numeric: false, ordered: false, joinedOnly: ctx.inCell };
      if (other) node.other = other;
      return node;
    }
    case "ranking": {
      const { choices } = selectChoices(el, ctx);
      return { ...b, kind: "multi", choices, numeric: false, ordered: true, joinedOnly: true };
    }
    case "boolean": {
      const t = isScalar(el["valueTrue"]) ? (el["valueTrue"] as Scalar) : true;
      const f = isScalar(el["valueFalse"]) ? (el["valueFalse"] as Scalar) : false;
      const choices: Choice[] = [
        { value: t, code: String(t), text: asLocalizedText(el["labelTrue"]) ?? builtInText("yes") },
        { value: f, code: String(f), text: asLocalizedText(el["labelFalse"]) ?? builtInText("no") },
      ];
      return valueNode(b, { choices });
    }
    case "rating": {
      const choices = ratingChoices(el);
      const min = asLocalizedText(el["minRateDescription"]);
      const max = asLocalizedText(el["maxRateDescription"]);
      const node = valueNode(b, { choices, numeric: choices.every((c) => typeof c.value === "number") });
      if (min !== undefined || max !== undefined) node.rateDescriptions = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
      return node;
    }
    case "slider":
      if (el["sliderType"] === "range") return { ...b, kind: "multi", choices: [], numeric: true, ordered: true, joinedOnly: true };
      return valueNode(b, { numeric: true });
    case "file":
    case "signaturepad":
      return valueNode(b, { files: true });
    case "imagemap": {
      // Areas are the choices: a value each, named by their text.
      const choices = choicesOf(el["areas"]);
      if (el["multiSelect"] !== false) return { ...b, kind: "multi", choices, numeric: false, ordered: false, joinedOnly: ctx.inCell };
      return valueNode(b, { choices });
    }
    case "matrix": {
      const columns = choicesOf(el["columns"]);
      const multiCell = el["cellType"] === "checkbox";
      const rowNode = (key: string, text: LocalizedText | undefined): QuestionNode => {
        const row: NodeBase = { key, name: key, type: "matrix" };
        if (text !== undefined) row.title = text;
        return multiCell
          ? { ...row, kind: "multi", choices: columns, numeric: false, ordered: false, joinedOnly: true }
          : valueNode(row, { choices: columns });
      };
      const rows = choicesOf(el["rows"]).map((r) => rowNode(r.code, r.text));
      return { ...b, kind: "group", childRole: "row", children: rows, extraChild: (k) => ({ ...rowNode(k, undefined), extra: true }) };
    }
    case "matrixdropdown": {
      const cells = rowCells(el, ctx);
      const rowNode = (key: string, text: LocalizedText | undefined): GroupNode => {
        const row: GroupNode = {
          key,
          name: key,
          type: "matrixdropdown",
          kind: "group",
          childRole: "item",
          children: cells.map(cloneNode),
          extraChild: unknownNode,
        };
        if (text !== undefined) row.title = text;
        return row;
      };
      const rows = choicesOf(el["rows"]).map((r) => rowNode(r.code, r.text));
      return { ...b, kind: "group", childRole: "row", children: rows, extraChild: (k) => ({ ...rowNode(k, undefined), extra: true }), cells };
    }
    case "matrixdynamic":
      return { ...b, kind: "repeat", children: rowCells(el, ctx) };
    case "paneldynamic":
      return { ...b, kind: "repeat", children: elementsToNodes(el["templateElements"] ?? el["elements"], { ...ctx, inCell: false }) };
    case "multipletext": {
      const items: QuestionNode[] = [];
      for (const item of objectsOf(el["items"])) {
        const itemName = nonEmptyString(item["name"]);
        if (!itemName) continue;
        const inputType = (nonEmptyString(item["inputType"]) ?? "text").toLowerCase();
        const itemBase: NodeBase = { key: itemName, name: itemName, type: "text" };
        const t = titleOf(item);
        if (t !== undefined) itemBase.title = t;
        items.push(valueNode(itemBase, { numeric: NUMERIC_INPUT_TYPES.has(inputType), inputType }));
      }
      return { ...b, kind: "group", childRole: "item", children: dedupeByKey(items), extraChild: unknownNode };
    }
    default: {
      // A custom type the file defines: one question (its content's shape) or a composite (an object of its questions).
      const component = ctx.components.get(type);
      const single = asObject(component?.["questionJSON"]);
      if (single && nonEmptyString(single["type"])?.toLowerCase() !== type) {
        const inner = questionToNode({ ...single, name, ...(el["valueName"] !== undefined ? { valueName: el["valueName"] } : {}), ...(el["title"] !== undefined ? { title: el["title"] } : {}) }, ctx);
        if (inner) return { ...inner, type };
      }
      if (component && Array.isArray(component["elementsJSON"])) {
        return { ...b, kind: "group", childRole: "item", children: elementsToNodes(component["elementsJSON"], { ...ctx, inCell: false }), extraChild: unknownNode };
      }
      // comment, expression and unknown types: one value.
      return valueNode(b, {});
    }
  }
}

/** A node for a key that is in the data but in no definition: written as is (JSON for objects). */
export function unknownNode(key: string): ValueNode {
  return { key, name: key, type: "unknown", kind: "value", choices: [], numeric: false, extra: true };
}

function dedupeByKey(nodes: QuestionNode[]): QuestionNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => (seen.has(n.key) ? false : (seen.add(n.key), true)));
}

function elementsToNodes(elements: unknown, ctx: WalkContext): QuestionNode[] {
  const out: QuestionNode[] = [];
  for (const el of objectsOf(elements)) {
    const type = (nonEmptyString(el["type"]) ?? "").toLowerCase();
    if (type === "panel" || type === "flowpanel") {
      out.push(...elementsToNodes(el["elements"] ?? el["questions"], ctx));
      continue;
    }
    const node = questionToNode(el, ctx);
    if (node) out.push(node);
  }
  return dedupeByKey(out);
}

function contextOf(json: JsonObject): WalkContext {
  const byName = new Map<string, JsonObject>();
  for (const page of objectsOf(json["pages"])) indexQuestions(page["elements"] ?? page["questions"], byName);
  indexQuestions(json["elements"] ?? json["questions"], byName);
  const components = new Map<string, JsonObject>();
  for (const c of objectsOf(json["components"])) {
    const cname = nonEmptyString(c["name"])?.toLowerCase();
    if (cname) components.set(cname, c);
  }
  return { storeOthersAsComment: json["storeOthersAsComment"] !== false, byName, inCell: false, components };
}

/**
 * The answer node of one question element of `json`, read on its own (with the survey's
 * settings and questions for `choicesFromQuestion`); `inCell` for a matrix column given as a
 * question (its effective `type`). Undefined for an element that stores nothing.
 */
export function createNodeReader(json: JsonObject): (element: JsonObject, options?: { inCell?: boolean }) => QuestionNode | undefined {
  const ctx = contextOf(json);
  const cellCtx: WalkContext = { ...ctx, inCell: true };
  return (element, options) => questionToNode(element, options?.inCell ? cellCtx : ctx);
}

/** One version's definition → its answer tree. */
export function definitionToTree(json: JsonObject): SurveyTree {
  const ctx = contextOf(json);
  const nodes: QuestionNode[] = [];
  for (const page of objectsOf(json["pages"])) nodes.push(...elementsToNodes(page["elements"] ?? page["questions"], ctx));
  nodes.push(...elementsToNodes(json["elements"] ?? json["questions"], ctx));
  for (const cv of objectsOf(json["calculatedValues"])) {
    const name = nonEmptyString(cv["name"]);
    if (name && cv["includeIntoResult"] === true) nodes.push(valueNode({ key: name, name, type: "calculatedvalue" }, {}));
  }
  return { nodes: dedupeByKey(nodes), commentSuffix: nonEmptyString(json["commentSuffix"]) ?? "-Comment" };
}

// ---------------------------------------------------------------------------------------------
// Union over versions
// ---------------------------------------------------------------------------------------------

/** A deep copy, so a merged or extended tree never changes the one it came from. */
export function cloneNode<T extends QuestionNode>(node: T): T {
  const copy = { ...node };
  if ("choices" in copy) (copy as ValueNode).choices = (copy as ValueNode).choices.map((c) => ({ ...c }));
  if ("children" in copy) (copy as GroupNode).children = (copy as GroupNode).children.map(cloneNode);
  if ("cells" in copy && copy.cells) (copy as GroupNode).cells = (copy as GroupNode).cells?.map(cloneNode);
  return copy;
}

/**
 * Merges an older list into a newer one. The newer order is kept; an item only in the older
 * list is inserted right after the item that precedes it there (first when nothing does).
 */
export function mergeOrdered<T>(newer: readonly T[], older: readonly T[], keyOf: (t: T) => string, merge: (a: T, b: T) => T): T[] {
  const out = [...newer];
  const indexOf = (k: string) => out.findIndex((t) => keyOf(t) === k);
  let prev: string | undefined;
  for (const item of older) {
    const k = keyOf(item);
    const at = indexOf(k);
    if (at >= 0) out[at] = merge(out[at] as T, item);
    else out.splice(prev === undefined ? 0 : indexOf(prev) + 1, 0, item);
    prev = k;
  }
  return out;
}

function mergeChoices(a: readonly Choice[], b: readonly Choice[]): Choice[] {
  return mergeOrdered(a, b, (c) => c.code, (x, y) => (x.text === undefined && y.text !== undefined ? { ...x, text: y.text } : x));
}

function mergeNode(a: QuestionNode, b: QuestionNode, warn: (w: TreeWarning) => void): QuestionNode {
  if (a.kind !== b.kind) {
    warn({
      code: "type-changed",
      subject: a.name,
      message: `"${a.name}" changed from ${b.type} to ${a.type} between versions; older answers are exported in the newer shape`,
    });
    return a;
  }
  const out = { ...a } as QuestionNode;
  if (out.title === undefined && b.title !== undefined) out.title = b.title;
  if (out.comment === undefined && b.comment !== undefined) out.comment = b.comment;
  if ((out.kind === "value" || out.kind === "multi") && (b.kind === "value" || b.kind === "multi")) {
    out.choices = mergeChoices(out.choices, b.choices);
    out.numeric = out.numeric && b.numeric;
    if (out.other === undefined && b.other !== undefined) out.other = b.other;
  }
  if ((out.kind === "group" || out.kind === "repeat") && (b.kind === "group" || b.kind === "repeat")) {
    out.children = mergeNodeLists(out.children, b.children, warn);
  }
  if (out.kind === "group" && b.kind === "group" && out.cells && b.cells) out.cells = mergeNodeLists(out.cells, b.cells, warn);
  return out;
}

export function mergeNodeLists(newer: readonly QuestionNode[], older: readonly QuestionNode[], warn: (w: TreeWarning) => void): QuestionNode[] {
  return mergeOrdered(newer, older, (n) => n.key, (a, b) => mergeNode(a, b, warn));
}

/** The union of several versions' trees, newest first in `trees`. */
export function mergeTrees(trees: readonly SurveyTree[], warn: (w: TreeWarning) => void): SurveyTree {
  const [first, ...rest] = trees;
  if (!first) return { nodes: [], commentSuffix: "-Comment" };
  let nodes = first.nodes.map(cloneNode);
  for (const t of rest) nodes = mergeNodeLists(nodes, t.nodes.map(cloneNode), warn);
  return { nodes, commentSuffix: first.commentSuffix };
}
