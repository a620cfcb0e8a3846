/**
 * Renaming an element and every reference to it: `{old}` in expressions, conditions, triggers,
 * calculated values, validators and text placeholders, plus the properties that hold a name
 * (trigger targets, `choicesFromQuestion`, `valueName`, bindings, visible-trigger lists).
 */
import type { Node } from "jsonc-parser";
import type { JsonPathSegment } from "../../schema/problem.ts";
import { isObject, listElements, namesInUse, type ElementRef } from "../../definition/elements.ts";
import { applyTextEdits, replaceString, strictTree, type TextEdit } from "./json-text.ts";

/** Properties whose whole value is the name of a question. */
const NAME_KEYS = new Set(["setToName", "fromName", "gotoName", "choicesFromQuestion", "valueName"]);
/** Properties holding a list of question names. */
const NAME_LIST_KEYS = new Set(["questions"]);
/** Functions whose second argument is the name of a field inside each item of an array value. */
const ARRAY_FIELD_FUNCTIONS = ["sumInArray", "maxInArray", "minInArray", "avgInArray", "countInArray"];
/** Prefixes that address a question of the current dynamic panel from inside its template. */
const PANEL_PREFIXES = new Set(["panel", "prevPanel", "parentPanel"]);

export type RenameError = "empty" | "same" | "taken" | "notFound";

export interface RenameResult {
  edits: TextEdit[];
  text: string;
  /** How many references (besides the element's own name) were rewritten. */
  references: number;
}

/** Splits the inside of `{...}` into segments: `a.b[0].c` → ["a", "b", "[0]", "c"]. */
function segmentsOf(ref: string): string[] {
  return ref.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];
}

/**
 * Rewrites the references to `oldName` inside one string. `scope` is the chain of dynamic
 * panels the renamed question sits in (empty for a question at survey level).
 */
export function rewriteReferences(s: string, oldName: string, newName: string, scope: readonly string[], otherNames: ReadonlySet<string>): string {
  let out = s.replace(/\{([^{}]*)\}/g, (whole, inner: string) => {
    const lead = /^\s*/.exec(inner)?.[0] ?? "";
    const trail = /\s*$/.exec(inner)?.[0] ?? "";
    const body = inner.slice(lead.length, inner.length - trail.length);
    const segs = segmentsOf(body);
    const first = segs[0] ?? "";
    let target = -1;
    if (scope.length === 0) {
      if (first === oldName) target = 0;
      // `{name-unwrapped}`, `{name-total}`, `{name-Comment}`: unless that whole text is another name.
      else if (first.startsWith(`${oldName}-`) && !otherNames.has(first)) target = 0;
    } else {
      const panel = scope[scope.length - 1];
      if (PANEL_PREFIXES.has(first) && segs[1] === oldName) target = 1;
      else if (first === panel && segs[1]?.startsWith("[") && segs[2] === oldName) target = 2;
    }
    if (target < 0) return whole;
    const seg = segs[target] ?? "";
    segs[target] = newName + seg.slice(oldName.length);
    let rebuilt = "";
    segs.forEach((x, i) => (rebuilt += x.startsWith("[") || i === 0 ? x : `.${x}`));
    return `{${lead}${rebuilt}${trail}}`;
  });
  if (scope.length > 0) {
    // sumInArray({panel}, 'old'): the field name inside each panel of the dynamic panel.
    const panel = scope[scope.length - 1] ?? "";
    for (const fn of ARRAY_FIELD_FUNCTIONS) {
      const re = new RegExp(`(${fn}\\s*\\(\\s*\\{\\s*${escapeRe(panel)}\\s*\\}\\s*,\\s*)(['"])${escapeRe(oldName)}\\2`, "g");
      out = out.replace(re, (_m, head: string, q: string) => `${head}${q}${newName}${q}`);
    }
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function validateNewName(json: unknown, element: ElementRef, newName: string): RenameError | undefined {
  if (!newName.trim()) return "empty";
  if (newName === element.name) return "same";
  if (namesInUse(json).has(newName)) return "taken";
  return undefined;
}

/** Renames the element at `path` to `newName` and rewrites every reference to it. */
export function renameElement(text: string, path: readonly JsonPathSegment[], newName: string): RenameResult | { error: RenameError } {
  const root = strictTree(text);
  if (!root) return { error: "notFound" };
  const json: unknown = JSON.parse(text);
  const element = listElements(json).find((e) => samePath(e.path, path));
  if (!element || !element.name) return { error: "notFound" };
  const invalid = validateNewName(json, element, newName);
  if (invalid) return { error: invalid };
  const oldName = element.name;
  const others = namesInUse(json);
  others.delete(oldName);
  const scoped = element.dynamicScope.length > 0;
  const edits: TextEdit[] = [];
  let references = 0;

  const visit = (node: Node, key: string | number | undefined, parentKey: string | number | undefined, nodePath: JsonPathSegment[]) => {
    if (node.type === "object") {
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        visit(v, k.value as string, key, [...nodePath, k.value as string]);
      }
      return;
    }
    if (node.type === "array") {
      (node.children ?? []).forEach((c, i) => visit(c, i, key, [...nodePath, i]));
      return;
    }
    if (node.type !== "string") return;
    const value = node.value as string;
    if (key === "name" && samePath(nodePath.slice(0, -1), path)) {
      edits.push(replaceString(text, node, newName));
      return;
    }
    if (!scoped && value === oldName) {
      const isNameKey = typeof key === "string" && NAME_KEYS.has(key);
      const isNameList = typeof key === "number" && typeof parentKey === "string" && NAME_LIST_KEYS.has(parentKey);
      const isBinding = typeof key === "string" && nodePath[nodePath.length - 2] === "bindings";
      if (isNameKey || isNameList || isBinding) {
        edits.push(replaceString(text, node, newName));
        references++;
        return;
      }
    }
    if (!value.includes("{")) return;
    const next = rewriteReferences(value, oldName, newName, element.dynamicScope, others);
    if (next !== value) {
      edits.push(replaceString(text, node, next));
      references++;
    }
  };
  visit(root, undefined, undefined, []);
  return { edits, text: applyTextEdits(text, edits), references };
}

export function samePath(a: readonly JsonPathSegment[], b: readonly JsonPathSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Applies a set of renames (old → new) inside one JSON value, for a duplicated subtree. */
export function renameInsideValue(value: unknown, renames: ReadonlyMap<string, string>, scopeOf: (name: string) => string[]): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === "string") {
      let s = v;
      for (const [from, to] of renames) {
        if (key === "name") continue;
        if (NAME_KEYS.has(key ?? "") && s === from) s = to;
        else s = rewriteReferences(s, from, to, scopeOf(from), new Set());
      }
      return s;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (isObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value);
}
