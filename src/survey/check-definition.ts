import { Model, Serializer } from "survey-core";
import "./harden.ts";
import { createJsonLocator, pathToString, type JsonPathSegment, type Problem } from "../schema/problem.ts";
import { editDistance, nearMissEnvelopeKey, surveyFileToDefinition, type ComponentDefinition } from "../schema/survey-file.ts";
import { registerComponents } from "./components.ts";

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
      // A trigger's `questions` is a list of names, not of elements.
      const elementList = ELEMENT_LISTS.has(key) && !(key === "questions" && path.includes("triggers"));
      if (elementList && value !== undefined && !Array.isArray(value)) {
        out.push({ path: at, message: `${key} must be a list, not ${describeJson(value)}` });
        continue;
      }
      if (elementList && Array.isArray(value)) {
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

/** A repair: edits on JSON paths of the file (survey-core's linter's, or ours for a near-miss key). */
export interface LintFix {
  reason: string;
  edits: { op: "set" | "remove" | "rename" | "wrap"; path: string; value?: unknown; key?: string }[];
}

/** A problem, with a one-click repair when there is one. */
export type LintProblem = Problem & { fix?: LintFix };

/**
 * The property of `className` that `key` is a slip for (a typo, a transposition, another case),
 * or at the survey's root one of our envelope keys (`locales` for `languages`).
 */
export function nearMissProperty(className: string, key: string, owner: Readonly<Record<string, unknown>>): string | undefined {
  const meant = nearestProperty(className, key, owner);
  // Renaming onto a key the object already has would lose that key's value.
  return meant !== undefined && !Object.hasOwn(owner, meant) ? meant : undefined;
}

function nearestProperty(className: string, key: string, owner: Readonly<Record<string, unknown>>): string | undefined {
  if (className === "survey") {
    const slip = nearMissEnvelopeKey({ [key]: owner[key] });
    if (slip) return slip.meant;
  }
  const lower = key.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const p of Serializer.getProperties(className)) {
    if (!p.isSerializable || p.name === key) continue;
    const name = p.name;
    if (name.toLowerCase() === lower) return name;
    if (key.length < 4 || name.length < 4) continue;
    const d = editDistance(lower, name.toLowerCase());
    if (d <= (name.length < 7 ? 1 : 2) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

export interface DefinitionCheckOptions {
  /**
   * survey-core's loader complaints that SurveyJS itself tolerates (an unknown or obsolete
   * property, an element without a name, an unknown type) are errors in strict mode (files in
   * `surveys/`), warnings otherwise: SurveyJS drops or names what it does not know and renders the rest.
   */
  strict?: boolean;
  /** The file's own custom question types, registered before loading. */
  components?: readonly ComponentDefinition[];
}

/**
 * What survey-core itself finds wrong when it loads a definition: shapes it would crash on
 * (always errors), then its loader's complaints: unknown properties, unknown question types,
 * missing required properties. `file` is a survey file (its envelope keys are left out) or a
 * bare SurveyJS definition.
 */
export function definitionProblems(file: Readonly<Record<string, unknown>>, text: string, fileName: string, options: DefinitionCheckOptions = {}): LintProblem[] {
  // survey-core writes into the JSON it loads: give it a copy.
  const definition = structuredClone(surveyFileToDefinition(file));
  const broken = structureProblems(definition);
  if (broken.length > 0) {
    const locate = createJsonLocator(text);
    return broken.map((b) => ({ file: fileName, path: pathToString(b.path), severity: "error" as const, source: "studio", message: b.message, ...locate.position(b.path) }));
  }
  const components = options.components ?? (Array.isArray(file["components"]) ? (file["components"] as ComponentDefinition[]) : undefined);
  const componentProblems: Problem[] = registerComponents(components).map((c) => ({
    file: fileName,
    path: pathToString(["components", c.index, "name"]),
    severity: "error" as const,
    source: "studio",
    message: c.message,
  }));
  let model: Model;
  try {
    model = new Model(definition);
  } catch (e) {
    return [...componentProblems, { file: fileName, path: "", severity: "error", source: "survey-core", message: `survey-core could not load the definition: ${String(e)}` }];
  }
  const all = model.jsonErrors ?? [];
  try {
    model.dispose();
  } catch {
    // Disposing builds the table of contents, which renders every title: a broken one throws here.
  }
  if (all.length === 0) return componentProblems;
  const severity = options.strict ? ("error" as const) : ("warning" as const);
  // A hostile file can make survey-core report an error per character of a long string: a
  // person reads the first ones; finding each one's path costs a walk of the whole definition.
  const errors = all.slice(0, MAX_REPORTED);
  const locate = createJsonLocator(text);
  const problems: LintProblem[] = errors.map((err) => {
    const objPath = pathOf(definition, (err as unknown as { jsonObj?: unknown }).jsonObj) ?? [];
    const { propertyName, className } = err as unknown as { propertyName?: string; className?: string };
    const unknown = propertyName && err.type === "unknownproperty";
    const segs = unknown ? [...objPath, propertyName] : objPath;
    const owner = objPath.length === 0 ? file : (err as unknown as { jsonObj?: Record<string, unknown> }).jsonObj;
    const meant = unknown && className && owner ? nearMissProperty(className, propertyName, owner) : undefined;
    const path = pathToString(segs);
    return {
      file: fileName,
      path,
      severity,
      source: "survey-core",
      message: meant ? `${err.message} Did you mean "${meant}"?` : loaderMessage(err.type, err.message, severity),
      ...locate.position(segs),
      ...(meant ? { fix: { reason: "renameKey", edits: [{ op: "rename" as const, path, key: meant }] } } : {}),
    };
  });
  if (all.length > errors.length) {
    problems.push({ file: fileName, path: "", severity, source: "survey-core", message: `and ${all.length - errors.length} more problems of the same kind: fix the ones above first` });
  }
  return [...componentProblems, ...problems];
}

/** survey-core's message, with what SurveyJS does about it when it is only a warning. */
function loaderMessage(type: string, message: string, severity: "error" | "warning"): string {
  if (severity === "error") return message;
  const consequence: Record<string, string> = {
    unknownproperty: "SurveyJS ignores it",
    requiredproperty: "SurveyJS gives the element a generated name",
    incorrecttypeproperty: "SurveyJS leaves this element out",
  };
  const what = consequence[type];
  return what ? `${message} (${what})` : message;
}
