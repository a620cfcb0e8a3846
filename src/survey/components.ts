import { ComponentCollection, Serializer } from "survey-core";
import type { ComponentDefinition } from "../schema/survey-file.ts";

/** What was registered under each name by `registerComponents` (to tell a repeat from a clash). */
const registered = new Map<string, string>();

export interface ComponentProblem {
  index: number;
  message: string;
}

/**
 * Registers a survey file's own custom question types (`components` in the envelope) with
 * survey-core's `ComponentCollection`, as an app would with `ComponentCollection.Instance.add`.
 * The collection is global: a name already registered with another definition is replaced (the
 * survey being loaded is the one that needs it); a built-in type's name is refused.
 */
export function registerComponents(definitions: readonly ComponentDefinition[] | undefined): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  (definitions ?? []).forEach((def, index) => {
    const name = def.name.toLowerCase();
    const json = JSON.stringify(def);
    const existing = ComponentCollection.Instance.getCustomQuestionByName(name);
    if (existing && registered.get(name) === json) return;
    if (!existing && Serializer.findClass(name)) {
      problems.push({ index, message: `"${def.name}" is the name of a built-in SurveyJS type: give the component another name` });
      return;
    }
    if (existing) ComponentCollection.Instance.remove(name);
    ComponentCollection.Instance.add(structuredClone({ ...def, name }) as Parameters<ComponentCollection["add"]>[0]);
    registered.set(name, json);
  });
  return problems;
}

/** Every custom type known to survey-core (the app's and the files'), as survey-core's linter takes them. */
export function componentLintDefinitions(): Record<string, { questionJSON?: unknown; elementsJSON?: unknown[] }> {
  const out: Record<string, { questionJSON?: unknown; elementsJSON?: unknown[] }> = {};
  for (const item of ComponentCollection.Instance.items) {
    const json = item.json as { questionJSON?: unknown; elementsJSON?: unknown };
    out[item.name] = {
      ...(json.questionJSON !== undefined ? { questionJSON: json.questionJSON } : {}),
      ...(Array.isArray(json.elementsJSON) ? { elementsJSON: json.elementsJSON } : {}),
    };
  }
  return out;
}
