import { Model } from "survey-core";
import "./harden.ts";
import { createJsonLocator, pathToString, type JsonPathSegment, type Problem } from "../schema/problem.ts";
import { surveyFileToDefinition, type SurveyFile } from "../schema/survey-file.ts";

/** Finds the JSON path of `target` (by identity) inside `root`. */
function pathOf(root: unknown, target: unknown): JsonPathSegment[] | undefined {
  if (root === target) return [];
  if (root === null || typeof root !== "object") return undefined;
  const entries: [JsonPathSegment, unknown][] = Array.isArray(root)
    ? root.map((v, i) => [i, v])
    : Object.entries(root as Record<string, unknown>);
  for (const [k, v] of entries) {
    const sub = pathOf(v, target);
    if (sub) return [k, ...sub];
  }
  return undefined;
}

/** At most this many of survey-core's own errors are reported for one file. */
const MAX_REPORTED = 200;

/** Texts shown to people: survey-core crashes rendering one that is a number or null. */
const TEXT_KEYS = new Set(["title", "description", "text", "html", "placeholder", "otherText", "otherPlaceholder", "commentText", "commentPlaceholder", "noneText", "labelTrue", "labelFalse", "minRateDescription", "maxRateDescription", "completedHtml", "completedBeforeHtml", "loadingHtml", "requiredErrorText", "navigationTitle", "navigationDescription", "addRowText", "removeRowText", "panelAddText", "panelRemoveText", "templateTitle", "templateDescription", "startSurveyText", "pagePrevText", "pageNextText", "completeText", "selectAllText", "clearButtonCaption"]);

function isText(v: unknown): boolean {
  if (typeof v === "string") return true;
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");
}

const ELEMENT_LISTS = new Set(["pages", "elements", "templateElements", "questions"]);
const ITEM_LISTS = new Set(["choices", "rows", "rateValues", "columns", "items", "validators", "triggers", "calculatedValues"]);

function describeJson(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : `a ${typeof v}`;
}

/**
 * Shapes survey-core does not check and crashes on (a null element, a choice whose value is an
 * array): found first, with their JSON path, so that survey-core only loads what it can.
 */
export function structureProblems(definition: unknown): { path: JsonPathSegment[]; message: string }[] {
  const out: { path: JsonPathSegment[]; message: string }[] = [];
  const stack: { node: unknown; path: JsonPathSegment[] }[] = [{ node: definition, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push({ node: child, path: [...path, i] }));
      continue;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const at = [...path, key];
      if (TEXT_KEYS.has(key) && value !== undefined && !isText(value) && !(key === "text" && typeof value !== "object")) {
        out.push({ path: at, message: `${key} must be text, or an object of texts by language, not ${describeJson(value)}` });
        continue;
      }
      // (`rows` of a comment is a number, `columns` of some types too: only element lists must be lists.)
      if (ELEMENT_LISTS.has(key) && value !== undefined && !Array.isArray(value)) {
        out.push({ path: at, message: `${key} must be a list, not ${describeJson(value)}` });
        continue;
      }
      if (ELEMENT_LISTS.has(key) && Array.isArray(value)) {
        value.forEach((el, i) => {
          if (el === null || typeof el !== "object" || Array.isArray(el)) {
            out.push({ path: [...at, i], message: `each entry of ${key} must be an object (${key === "pages" ? "a page" : "a question or a panel"}), not ${describeJson(el)}` });
          }
        });
      }
      if (ITEM_LISTS.has(key) && Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item === null || Array.isArray(item)) {
            out.push({ path: [...at, i], message: `each entry of ${key} must be a value or an object, not ${describeJson(item)}` });
          } else if (typeof item === "object" && "value" in item) {
            const v = (item as { value: unknown }).value;
            if (v === null || typeof v === "object") out.push({ path: [...at, i, "value"], message: `a value must be text, a number or true/false, not ${describeJson(v)}` });
          }
        });
      }
      stack.push({ node: value, path: at });
    }
  }
  return out;
}

/**
 * What survey-core itself finds wrong when it loads a definition: unknown
 * properties, unknown question types, missing required properties.
 */
export function definitionProblems(file: SurveyFile, text: string, fileName: string): Problem[] {
  // survey-core writes into the JSON it loads: give it a copy.
  const definition = structuredClone(surveyFileToDefinition(file));
  const broken = structureProblems(definition);
  if (broken.length > 0) {
    const locate = createJsonLocator(text);
    return broken.map((b) => ({ file: fileName, path: pathToString(b.path), severity: "error" as const, source: "studio", message: b.message, ...locate.position(b.path) }));
  }
  let model: Model;
  try {
    model = new Model(definition);
  } catch (e) {
    return [{ file: fileName, path: "", severity: "error", source: "survey-core", message: `survey-core could not load the definition: ${String(e)}` }];
  }
  const all = model.jsonErrors ?? [];
  try {
    model.dispose();
  } catch {
    // Disposing builds the table of contents, which renders every title: a broken one throws here.
  }
  if (all.length === 0) return [];
  // A hostile file can make survey-core report an error per character of a long string: a
  // person reads the first ones; finding each one's path costs a walk of the whole definition.
  const errors = all.slice(0, MAX_REPORTED);
  const locate = createJsonLocator(text);
  const problems: Problem[] = errors.map((err) => {
    const objPath = pathOf(definition, (err as unknown as { jsonObj?: unknown }).jsonObj) ?? [];
    const propertyName = (err as unknown as { propertyName?: string }).propertyName;
    const segs = propertyName && err.type === "unknownproperty" ? [...objPath, propertyName] : objPath;
    return {
      file: fileName,
      path: pathToString(segs),
      severity: "error" as const,
      source: "survey-core",
      message: err.message,
      ...locate.position(segs),
    };
  });
  if (all.length > errors.length) {
    problems.push({ file: fileName, path: "", severity: "error", source: "survey-core", message: `and ${all.length - errors.length} more problems of the same kind: fix the ones above first` });
  }
  return problems;
}
