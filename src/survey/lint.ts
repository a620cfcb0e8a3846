import { Serializer } from "survey-core";
import { lintSurvey } from "survey-core/linter";
import { createJsonLocator, pathToString, type JsonPathSegment, type Problem } from "../schema/problem.ts";
import { parseSurveyFile, surveyFileToDefinition, type SurveyFile } from "../schema/survey-file.ts";
import { definitionUrlFindings } from "../security/definition-urls.ts";
import { definitionProblems } from "./check-definition.ts";
import { urlPolicy } from "./harden.ts";
import { localizableStrings } from "./designer/localizable.ts";

/** A repair survey-core's linter offers: edits on JSON paths of the file. */
export interface LintFix {
  reason: string;
  edits: { op: "set" | "remove" | "rename" | "wrap"; path: string; value?: unknown; key?: string }[];
}

/** A problem, with the linter's one-click repair when it has one. */
export type LintProblem = Problem & { fix?: LintFix };

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
 * checked by a unit test). Respondents see a placeholder instead of any other type.
 */
export const RENDERED_TYPES: readonly string[] = [
  "text", "comment", "dropdown", "tagbox", "expression", "radiogroup", "checkbox", "boolean", "rating", "ranking",
  "matrix", "matrixdropdown", "matrixdynamic", "paneldynamic", "multipletext", "html", "image",
];

/**
 * Survey Studio's own rules: translations complete, names safe for R and Stata, choices with
 * values, and no address the deployment does not allow (src/security/definition-urls.ts).
 */
export function studioRules(file: SurveyFile): Omit<Problem, "file" | "line" | "column">[] {
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
    const type = node["type"];
    if (isElement && typeof type === "string" && type !== "panel" && !RENDERED_TYPES.includes(type) && Serializer.findClass(type)) {
      out.push({
        path: pathToString([...path, "type"]),
        severity: "warning",
        source: "studio",
        message: `Survey Studio cannot show a "${type}" question yet: respondents would see a placeholder instead; use another type`,
      });
    }
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
  for (const f of definitionUrlFindings(surveyFileToDefinition(file), urlPolicy())) {
    out.push({ path: pathToString(f.path), severity: "warning", source: "studio", message: f.message });
  }
  // A plain string where the survey declares several languages is a text in one language only.
  if (wanted.length > 1) {
    for (const entry of localizableStrings(file)) {
      const text = entry.values["default"] ?? "";
      // Nothing to translate in an empty text; the same image for every language is normal.
      if (!entry.plain || !text.trim() || entry.property === "imageLink") continue;
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

/** Every check on one survey file's text: JSON, envelope, survey-core, survey-core's linter, our rules. */
export function lintSurveyText(text: string, fileName: string): LintProblem[] {
  const parsed = parseSurveyFile(text, fileName);
  if (!parsed.ok) return parsed.problems;
  const file = parsed.file;
  const locate = createJsonLocator(text);
  const at = (path: string) => locate.position(path) ?? {};
  const problems: LintProblem[] = [...definitionProblems(file, text, fileName)];
  const known = new Set(problems.map((p) => `${p.path}|${p.message}`));
  const report = guarded(() => lintSurvey(surveyFileToDefinition(file)), (reason) => {
    problems.push({ file: fileName, path: "", severity: "warning", source: "linter", message: `survey-core's linter could not check this definition (${reason}); fix the other problems first` });
  });
  for (const f of report?.findings ?? []) {
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
    problems.push({ file: fileName, path: f.path, severity: f.severity, source: `linter:${f.ruleId}`, message: f.message, ...at(f.path), ...fix });
  }
  const own = guarded(
    () => studioRules(file),
    (reason) => problems.push({ file: fileName, path: "", severity: "warning", source: "studio", message: `Survey Studio's own checks could not run on this definition (${reason})` }),
  );
  for (const p of own ?? []) problems.push({ ...p, file: fileName, ...at(p.path) });
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
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
