/**
 * Walking the pages, panels and questions of a survey JSON (as parsed values), with their JSON
 * paths. Shared by the designer (outline, rename refactoring, completion, snippets) and the
 * breaking-change check.
 */
import type { JsonPathSegment } from "../schema/problem.ts";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const isObject = (v: unknown): v is JsonObject => !!v && typeof v === "object" && !Array.isArray(v);

export type ElementKind = "page" | "panel" | "question";

export interface ElementRef {
  node: JsonObject;
  path: JsonPathSegment[];
  kind: ElementKind;
  /** survey-core type ("page" for pages). */
  type: string;
  name: string;
  /** Path of the array that holds it, and its index there. */
  containerPath: JsonPathSegment[];
  index: number;
  /** Names of the dynamic panels it sits in (innermost last): its data lives inside their values. */
  dynamicScope: string[];
}

/** The arrays of an element that hold child elements. */
export const CHILD_ARRAYS = ["elements", "templateElements", "questions"] as const;

export function forEachElement(root: unknown, visit: (el: ElementRef) => void): void {
  if (!isObject(root)) return;
  const walk = (containerPath: JsonPathSegment[], items: Json | undefined, scope: string[], isPages: boolean) => {
    if (!Array.isArray(items)) return;
    items.forEach((item, index) => {
      if (!isObject(item)) return;
      const path = [...containerPath, index];
      const type = isPages ? "page" : typeof item["type"] === "string" ? item["type"] : "";
      const kind: ElementKind = isPages ? "page" : type === "panel" ? "panel" : "question";
      const name = typeof item["name"] === "string" ? item["name"] : "";
      visit({ node: item, path, kind, type, name, containerPath, index, dynamicScope: scope });
      for (const key of CHILD_ARRAYS) {
        if (!(key in item)) continue;
        const inner = key === "templateElements" ? [...scope, name] : scope;
        walk([...path, key], item[key], inner, false);
      }
    });
  };
  walk(["pages"], root["pages"], [], true);
  // A survey may hold elements directly (SurveyJS puts them on a single page).
  for (const key of ["elements", "questions"] as const) if (key in root) walk([key], root[key], [], false);
}

export function listElements(root: unknown): ElementRef[] {
  const out: ElementRef[] = [];
  forEachElement(root, (e) => out.push(e));
  return out;
}

/** Every name in use: pages, panels, questions, matrix columns, multiple-text items, calculated values. */
export function namesInUse(root: unknown): Set<string> {
  const names = new Set<string>();
  forEachElement(root, (e) => {
    if (e.name) names.add(e.name);
    for (const key of ["columns", "items"] as const) {
      const arr = e.node[key];
      if (Array.isArray(arr)) for (const c of arr) if (isObject(c) && typeof c["name"] === "string") names.add(c["name"]);
    }
  });
  if (isObject(root) && Array.isArray(root["calculatedValues"])) {
    for (const c of root["calculatedValues"]) if (isObject(c) && typeof c["name"] === "string") names.add(c["name"]);
  }
  return names;
}

/** `base1`, `base2`, ...: the first that is not taken (and adds it to `taken`). */
export function uniqueName(base: string, taken: Set<string>): string {
  const stem = base.replace(/\d+$/, "") || "item";
  for (let i = 1; ; i++) {
    const candidate = `${stem}${i}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}
