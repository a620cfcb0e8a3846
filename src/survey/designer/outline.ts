/**
 * The outline of a survey file (pages, panels, questions with their place in the text) and the
 * structural edits made from it. Every operation takes the file's text and returns the new text;
 * the editor turns the difference into one undoable transaction.
 */
import { getNodeValue, type Node } from "jsonc-parser";
import type { JsonPathSegment } from "../../schema/problem.ts";
import { CHILD_ARRAYS, isObject, listElements, namesInUse, uniqueName, type ElementKind, type Json } from "../../definition/elements.ts";
import { textIn } from "../../definition/text.ts";
import { insertItem, nodeAt, removeValue, strictTree } from "./json-text.ts";
import { renameInsideValue, samePath } from "./rename.ts";

export interface OutlineNode {
  kind: ElementKind;
  type: string;
  name: string;
  /** The title in the base language ("" when there is none). */
  title: string;
  path: JsonPathSegment[];
  /** Offsets of the element's object in the text. */
  from: number;
  to: number;
  index: number;
  siblings: number;
  /** For containers: path of the array new children go to. */
  childArray?: JsonPathSegment[];
  children: OutlineNode[];
}

const CONTAINER_ARRAY: Record<string, string> = { page: "elements", panel: "elements", paneldynamic: "templateElements" };

/** The outline of the text, or undefined when the text is not valid JSON. */
export function textToOutline(text: string): OutlineNode[] | undefined {
  const root = strictTree(text);
  if (!root || root.type !== "object") return root ? [] : undefined;
  const pages = nodeAt(root, ["pages"]);
  return pages?.type === "array" ? arrayToNodes(pages, ["pages"], true) : [];
}

function propValue(obj: Node, key: string): Json | undefined {
  const prop = obj.children?.find((p) => p.children?.[0]?.value === key);
  const v = prop?.children?.[1];
  return v ? (getNodeValue(v) as Json) : undefined;
}

function arrayToNodes(arr: Node, arrPath: JsonPathSegment[], isPages: boolean): OutlineNode[] {
  const items = arr.children ?? [];
  return items.flatMap((item, index): OutlineNode[] => {
    if (item.type !== "object") return [];
    const path = [...arrPath, index];
    const typeValue = propValue(item, "type");
    const type = isPages ? "page" : typeof typeValue === "string" ? typeValue : "";
    const kind: ElementKind = isPages ? "page" : type === "panel" ? "panel" : "question";
    const nameValue = propValue(item, "name");
    const childKey = CONTAINER_ARRAY[type];
    const children: OutlineNode[] = [];
    for (const key of CHILD_ARRAYS) {
      const prop = item.children?.find((p) => p.children?.[0]?.value === key);
      const v = prop?.children?.[1];
      if (v?.type === "array") children.push(...arrayToNodes(v, [...path, key], false));
    }
    return [
      {
        kind,
        type,
        name: typeof nameValue === "string" ? nameValue : "",
        title: textIn(propValue(item, "title"), "default") ?? "",
        path,
        from: item.offset,
        to: item.offset + item.length,
        index,
        siblings: items.length,
        ...(childKey ? { childArray: [...path, childKey] } : {}),
        children,
      },
    ];
  });
}

/** The deepest outline node whose text contains `offset`. */
export function nodeAtOffset(nodes: readonly OutlineNode[], offset: number): OutlineNode | undefined {
  for (const n of nodes) {
    if (offset >= n.from && offset <= n.to) return nodeAtOffset(n.children, offset) ?? n;
  }
  return undefined;
}

export function findNode(nodes: readonly OutlineNode[], path: readonly JsonPathSegment[]): OutlineNode | undefined {
  for (const n of nodes) {
    if (samePath(n.path, path)) return n;
    const inner = findNode(n.children, path);
    if (inner) return inner;
  }
  return undefined;
}

/** Everything the outline offers is refused with a reason rather than producing broken JSON. */
export type OutlineResult = { ok: true; text: string; select: JsonPathSegment[] } | { ok: false; reason: "invalidJson" | "notFound" | "lastPage" | "edge" };

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function getAt(root: unknown, path: readonly JsonPathSegment[]): unknown {
  let n: unknown = root;
  for (const s of path) {
    if (n === null || typeof n !== "object") return undefined;
    n = (n as Record<string | number, unknown>)[s];
  }
  return n;
}

/**
 * Moves an element one place up or down among its siblings. At the edge of a page, a question
 * moves to the end of the previous page or the start of the next one.
 */
export function moveElement(text: string, path: readonly JsonPathSegment[], delta: -1 | 1): OutlineResult {
  const json = parse(text);
  if (!json) return { ok: false, reason: "invalidJson" };
  const containerPath = path.slice(0, -1);
  const index = path[path.length - 1];
  const container = getAt(json, containerPath);
  if (typeof index !== "number" || !Array.isArray(container)) return { ok: false, reason: "notFound" };
  const target = index + delta;
  if (target >= 0 && target < container.length) {
    // Swap the two texts in place (siblings share their indentation): formatting of both is kept.
    const root = strictTree(text);
    const a = nodeAt(root, [...containerPath, Math.min(index, target)]);
    const b = nodeAt(root, [...containerPath, Math.max(index, target)]);
    if (!a || !b) return { ok: false, reason: "notFound" };
    const aText = text.slice(a.offset, a.offset + a.length);
    const bText = text.slice(b.offset, b.offset + b.length);
    const between = text.slice(a.offset + a.length, b.offset);
    const next = text.slice(0, a.offset) + bText + between + aText + text.slice(b.offset + b.length);
    return { ok: true, text: next, select: [...containerPath, target] };
  }
  // Across pages: only for elements placed directly on a page.
  const isOnPage = containerPath.length === 3 && containerPath[0] === "pages" && containerPath[2] === "elements";
  const pageIndex = containerPath[1];
  const pages = json["pages"];
  if (!isOnPage || typeof pageIndex !== "number" || !Array.isArray(pages)) return { ok: false, reason: "edge" };
  const otherPage = pageIndex + delta;
  if (otherPage < 0 || otherPage >= pages.length) return { ok: false, reason: "edge" };
  const value = container[index];
  const removed = removeValue(text, path);
  const other = pages[otherPage] as Record<string, unknown>;
  const otherElements = Array.isArray(other["elements"]) ? other["elements"] : [];
  const insertAt = delta < 0 ? otherElements.length : 0;
  const next = insertItem(removed, ["pages", otherPage, "elements"], insertAt, value);
  return { ok: true, text: next, select: ["pages", otherPage, "elements", insertAt] };
}

/** Deletes an element (a survey keeps at least one page). */
export function deleteElement(text: string, path: readonly JsonPathSegment[]): OutlineResult {
  const json = parse(text);
  if (!json) return { ok: false, reason: "invalidJson" };
  if (getAt(json, path) === undefined) return { ok: false, reason: "notFound" };
  if (path.length === 2 && path[0] === "pages" && Array.isArray(json["pages"]) && json["pages"].length <= 1) return { ok: false, reason: "lastPage" };
  const next = removeValue(text, path);
  const container = getAt(JSON.parse(next), path.slice(0, -1));
  const index = path[path.length - 1] as number;
  const len = Array.isArray(container) ? container.length : 0;
  const select = len === 0 ? path.slice(0, -2) : [...path.slice(0, -1), Math.min(index, len - 1)];
  return { ok: true, text: next, select };
}

/** Copies an element right after itself, giving it and everything inside it new unique names. */
export function duplicateElement(text: string, path: readonly JsonPathSegment[]): OutlineResult {
  const json = parse(text);
  if (!json) return { ok: false, reason: "invalidJson" };
  const original = getAt(json, path);
  if (!isObject(original)) return { ok: false, reason: "notFound" };
  const taken = namesInUse(json);
  const renames = new Map<string, string>();
  const scopes = new Map<string, string[]>();
  const copy = structuredClone(original) as Record<string, unknown>;
  const isPage = path.length === 2 && path[0] === "pages";
  const wrapper = isPage ? { pages: [copy] } : { pages: [{ elements: [copy] }] };
  for (const el of listElements(wrapper)) {
    if (!el.name) continue;
    const fresh = uniqueName(el.name, taken);
    renames.set(el.name, fresh);
    scopes.set(el.name, el.dynamicScope.map((s) => renames.get(s) ?? s));
    el.node["name"] = fresh;
  }
  const renamed = renameInsideValue(copy, renames, (n) => scopes.get(n) ?? []);
  const index = (path[path.length - 1] as number) + 1;
  const next = insertItem(text, path.slice(0, -1), index, renamed);
  return { ok: true, text: next, select: [...path.slice(0, -1), index] };
}

/** Adds an element (a snippet) into a container array at `index` (at the end by default). */
export function addElement(text: string, arrayPath: readonly JsonPathSegment[], element: Record<string, unknown>, index?: number): OutlineResult {
  const json = parse(text);
  if (!json) return { ok: false, reason: "invalidJson" };
  const arr = getAt(json, arrayPath);
  const length = Array.isArray(arr) ? arr.length : 0;
  const at = index === undefined ? length : Math.max(0, Math.min(index, length));
  const next = insertItem(text, arrayPath, at, element);
  return { ok: true, text: next, select: [...arrayPath, at] };
}

/** Adds a page after `afterIndex` (at the end by default). */
export function addPage(text: string, page: Record<string, unknown>, afterIndex?: number): OutlineResult {
  return addElement(text, ["pages"], page, afterIndex === undefined ? undefined : afterIndex + 1);
}

/** Where a new question goes when the designer has `selected` something: after it, or into it. */
export function insertionPoint(nodes: readonly OutlineNode[], selected: readonly JsonPathSegment[] | undefined): { arrayPath: JsonPathSegment[]; index?: number } | undefined {
  const sel = selected ? findNode(nodes, selected) : undefined;
  if (sel?.childArray && (sel.kind !== "question" || sel.type === "paneldynamic")) return { arrayPath: sel.childArray };
  if (sel && sel.kind !== "page") return { arrayPath: sel.path.slice(0, -1), index: sel.index + 1 };
  const lastPage = nodes[nodes.length - 1];
  return lastPage?.childArray ? { arrayPath: lastPage.childArray } : undefined;
}
