import { lintSurvey, type ILintFinding } from "survey-core/linter";
import { createJsonLocator, parseJsonText, parsePath, pathToString, type JsonPathSegment, type Problem } from "../schema/problem.ts";
import { deriveEnvelope, parseSurveyFile, surveyFileToDefinition, type SurveyFile } from "../schema/survey-file.ts";
import { definitionUrlFindings } from "../security/definition-urls.ts";
import { definitionProblems, type LintFix, type LintProblem } from "./check-definition.ts";
import { componentLintDefinitions } from "./components.ts";
import { urlPolicy } from "./harden.ts";
import { localizableStrings } from "./designer/localizable.ts";

export type { LintFix, LintProblem };

/** Names that R (`read.csv`, no renaming) and Stata (32 characters) accept as column names. */
export const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const LANGUAGE_KEY = /^(default|[a-z]{2,3}(-[A-Za-z]{2,4})?)$/;
function isLocalizedObject(v: Json): v is { [k: string]: string } {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.includes("default") && keys.every((k) => LANGUAGE_KEY.test(k) && typeof v[k] === "string");
}

const ELEMENT_ARRAYS = new Set(["elements", "templateElements", "questions"]);

/**
 * Question types Survey Studio's respondent UI renders (the keys of src/components/registry.ts,
 * checked by a unit test): every type survey-core registers. Custom component types render through
 * their definitions.
 */
export const RENDERED_TYPES: readonly string[] = [
  "text", "comment", "dropdown", "tagbox", "expression", "radiogroup", "checkbox", "boolean", "rating", "ranking",
  "matrix", "matrixdropdown", "matrixdynamic", "paneldynamic", "multipletext", "html", "image",
  "file", "signaturepad", "imagepicker", "slider", "buttongroup", "imagemap", "empty",
];

/**
 * Survey Studio's own rules: translations complete, names safe for R and Stata, choices with
 * values, and no address the deployment does not allow (src/security/definition-urls.ts).
 */
export function studioRules(file: Pick<SurveyFile, "languages"> & Record<string, unknown>): Omit<Problem, "file" | "line" | "column">[] {
  const out: Omit<Problem, "file" | "line" | "column">[] = [];
  const wanted = file.languages.map((l) => (l === "en" ? "default" : l));
  const walk = (node: Json, path: JsonPathSegment[], parentKey: string | number | undefined, grandKey: string | number | undefined) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, [...path, i], i, parentKey));
      return;
    }
    if (!node || typeof node !== "object") return;
    if (isLocalizedObject(node)) {
      const missing = wanted.filter((l) => !node[l]?.trim());
      if (missing.length) {
        out.push({
          path: pathToString(path),
          severity: "warning",
          source: "studio",
          message: `text has no ${missing.map((m) => (m === "default" ? "en (default)" : m)).join(", ")} translation, though the survey declares ${missing.length > 1 ? "these languages" : "this language"}`,
        });
      }
      return;
    }
    const isElement = typeof grandKey === "string" && ELEMENT_ARRAYS.has(grandKey);
    const isNamedPart = typeof grandKey === "string" && ["columns", "items", "pages"].includes(grandKey);
    if ((isElement || isNamedPart) && typeof node["name"] === "string" && !SAFE_NAME.test(node["name"])) {
      out.push({
        path: pathToString([...path, "name"]),
        severity: "warning",
        source: "studio",
        message: `"${node["name"]}" is not a safe column name for R and Stata: use letters, digits and underscores, start with a letter, at most 32 characters`,
      });
    }
    if (typeof grandKey === "string" && ["choices", "rateValues"].includes(grandKey) && !("value" in node)) {
      out.push({ path: pathToString(path), severity: "error", source: "studio", message: "this choice has no value: add a \"value\" (the code stored in the data)" });
    }
    for (const [k, child] of Object.entries(node)) walk(child, [...path, k], k, parentKey);
  };
  walk(file as unknown as Json, [], undefined, undefined);
  // A definition is data: every address it would make the browser use that the deployment does not allow.
  for (const f of definitionUrlFindings(surveyFileToDefinition(file as SurveyFile), urlPolicy())) {
    out.push({ path: pathToString(f.path), severity: "warning", source: "studio", message: f.message });
  }
  // A plain string where the survey declares several languages is a text in one language only.
  if (wanted.length > 1) {
    for (const entry of localizableStrings(file)) {
      const text = entry.values["default"] ?? "";
      // Nothing to translate in an empty text; the same image for every language is normal.
      // Nor in a text that is only placeholders ("{panel.name}"): it has no words of its own.
      if (!entry.plain || !text.trim() || entry.property === "imageLink" || entry.property === "logo" || /^\s*(\{[^{}]*\}\s*)+$/.test(text)) continue;
      const missing = wanted.filter((l) => l !== "default");
      if (!missing.length) continue;
      out.push({
        path: entry.pathString,
        severity: "warning",
        source: "studio",
        message: `text has no ${missing.join(", ")} translation: it is a plain string, write it as {"default": …, ${missing.map((m) => `"${m}": …`).join(", ")}}`,
      });
    }
  }
  return out;
}

export interface LintOptions {
  /**
   * "required" (default): the file must have our envelope (`id`, `version`, `languages`), as the
   * designer and `surveys/` need; "optional": a bare SurveyJS definition is fine (its languages are
   * read from its texts).
   */
  envelope?: "required" | "optional";
  /** survey-core's loader complaints are errors (files in `surveys/`), not warnings. */
  strict?: boolean;
}

/**
 * Every check on one survey file's text: JSON, envelope, survey-core, survey-core's linter, our
 * rules. A wrong envelope does not hide the rest: the definition is checked all the same.
 */
export function lintSurveyText(text: string, fileName: string, options: LintOptions = {}): LintProblem[] {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return json.problems;
  const root = json.value;
  if (root === null || typeof root !== "object" || Array.isArray(root)) {
    return [{ file: fileName, path: "", severity: "error", source: "envelope", message: "the file must be a JSON object: a survey definition" }];
  }
  const value = root as Record<string, unknown>;
  const locate = createJsonLocator(text);
  const at = (path: string) => locate.position(path) ?? {};
  const problems: LintProblem[] = [];
  const hasEnvelope = ["id", "version", "languages"].some((k) => Object.hasOwn(value, k));
  const parsed = options.envelope === "optional" && !hasEnvelope ? undefined : parseSurveyFile(text, fileName);
  if (parsed && !parsed.ok) problems.push(...parsed.problems);
  const languages = parsed?.ok ? parsed.file.languages : languagesOf(value);
  problems.push(...definitionProblems(value, text, fileName, { strict: options.strict === true }));
  const known = new Set(problems.map((p) => `${p.path}|${p.message}`));
  const definition = surveyFileToDefinition(value);
  const report = guarded(() => lintSurvey(definition, linterOptions(definition)), (reason) => {
    problems.push({ file: fileName, path: "", severity: "warning", source: "linter", message: `survey-core's linter could not check this definition (${reason}); fix the other problems first` });
  });
  for (const f of report?.findings ?? []) {
    if (isFalseAlarm(f, definition)) continue;
    const fix = f.fix?.edits.length ? { fix: { reason: f.fix.reason, edits: f.fix.edits.map((e) => ({ ...e })) } } : {};
    const same = f.ruleId === "property/unknown" ? problems.find((p) => p.path === f.path) : undefined;
    if (same) {
      // survey-core reported the same unknown key: keep its message, take the linter's repair.
      if (fix.fix && !same.fix) same.fix = fix.fix;
      continue;
    }
    const key = `${f.path}|${f.message}`;
    if (known.has(key)) continue;
    known.add(key);
    // A key the linter also does not know is only a warning where survey-core's is (SurveyJS ignores it).
    const severity = f.ruleId === "property/unknown" && !options.strict ? "warning" : f.severity;
    problems.push({ file: fileName, path: f.path, severity, source: `linter:${f.ruleId}`, message: f.message, ...at(f.path), ...fix });
  }
  const own = guarded(
    () => studioRules({ ...value, languages }),
    (reason) => problems.push({ file: fileName, path: "", severity: "warning", source: "studio", message: `Survey Studio's own checks could not run on this definition (${reason})` }),
  );
  for (const p of own ?? []) problems.push({ ...p, file: fileName, ...at(p.path) });
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The languages a file declares (the valid ones), or those of its texts when it declares none. */
function languagesOf(value: Record<string, unknown>): SurveyFile["languages"] {
  const declared = Array.isArray(value["languages"]) ? (value["languages"] as unknown[]).filter((l): l is SurveyFile["languages"][number] => ["en", "fr", "es", "ar"].includes(l as string)) : [];
  return declared.length ? declared : deriveEnvelope(value).languages;
}

/** What survey-core's linter must know to judge a definition: variables set by triggers, custom types. */
function linterOptions(definition: Record<string, unknown>) {
  const knownVariables: string[] = [];
  for (const t of Array.isArray(definition["triggers"]) ? definition["triggers"] : []) {
    // A setvalue / copyvalue trigger with `isVariable` sets a survey variable, not a question.
    if (t && typeof t === "object" && (t as Record<string, unknown>)["isVariable"] === true) {
      const name = (t as Record<string, unknown>)["setToName"];
      if (typeof name === "string" && name) knownVariables.push(name);
    }
  }
  return { knownVariables, components: componentLintDefinitions() };
}

/**
 * Findings of survey-core's linter on JSON that SurveyJS runs as meant:
 * - the same name in two dynamic panel templates (or in a template and outside): each template's
 *   names live in the entries of its own panel;
 * - `{panel.x}` where `x` is a question of another dynamic panel sharing the `valueName`: the panels
 *   share their entries, so `x` is in the same panel data.
 */
function isFalseAlarm(f: ILintFinding, definition: Record<string, unknown>): boolean {
  if (f.ruleId === "name/duplicate" && f.related && f.related.length > 1) {
    const scopes = f.related.map((r) => templateScope(r.path));
    return new Set(scopes).size === scopes.length;
  }
  if (f.ruleId === "reference/unknown" && f.messageData["root"] === "panel" && typeof f.messageData["segment"] === "string") {
    const owner = templateOwner(definition, f.path);
    const shared = owner && typeof owner["valueName"] === "string" ? owner["valueName"] : undefined;
    if (!shared) return false;
    const names = new Set<string>();
    walkObjects(definition, (o) => {
      if (o["type"] === "paneldynamic" && o["valueName"] === shared) collectNames(o["templateElements"], names);
    });
    return names.has(String(f.messageData["segment"]).toLowerCase());
  }
  return false;
}

/** The JSON path of the innermost dynamic panel template holding `path` ("" for the survey level). */
function templateScope(path: string): string {
  const i = path.lastIndexOf(".templateElements[");
  return i < 0 ? "" : path.slice(0, i);
}

function templateOwner(definition: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  const scope = templateScope(path);
  if (!scope) return undefined;
  let node: unknown = definition;
  for (const seg of parsePath(scope)) node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[seg] : undefined;
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

function collectNames(elements: unknown, into: Set<string>): void {
  for (const el of Array.isArray(elements) ? elements : []) {
    if (!el || typeof el !== "object") continue;
    const o = el as Record<string, unknown>;
    if (typeof o["name"] === "string") into.add(o["name"].toLowerCase());
    if (o["type"] === "panel") collectNames(o["elements"], into);
  }
}

function walkObjects(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...n);
    else if (n && typeof n === "object") {
      visit(n as Record<string, unknown>);
      stack.push(...Object.values(n));
    }
  }
}

/** Runs a check that may throw on a hostile definition (bad types, extreme nesting): lint never throws. */
function guarded<T>(run: () => T, onCrash: (reason: string) => void): T | undefined {
  try {
    return run();
  } catch (e) {
    onCrash(e instanceof RangeError ? "the definition is nested too deeply" : "it has values of unexpected types");
    return undefined;
  }
}
