import { Model } from "survey-core";
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

/**
 * What survey-core itself finds wrong when it loads a definition: unknown
 * properties, unknown question types, missing required properties.
 */
export function definitionProblems(file: SurveyFile, text: string, fileName: string): Problem[] {
  // survey-core writes into the JSON it loads: give it a copy.
  const definition = structuredClone(surveyFileToDefinition(file));
  let model: Model;
  try {
    model = new Model(definition);
  } catch (e) {
    return [{ file: fileName, path: "", severity: "error", source: "survey-core", message: `survey-core could not load the definition: ${String(e)}` }];
  }
  const errors = model.jsonErrors ?? [];
  model.dispose();
  if (errors.length === 0) return [];
  const locate = createJsonLocator(text);
  return errors.map((err) => {
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
}
