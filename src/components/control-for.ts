import * as v from "../survey/view.ts";
import { COMPOSITE, UNKNOWN, type ControlRegistry } from "./types.ts";

/**
 * The control for a question: its type's; for a rating shown as a dropdown, one labelled input;
 * for a custom component type (ComponentCollection), its content's — the one question it wraps
 * (`target`), or the composite control for its panel of questions; else the one that names the
 * unknown type.
 */
export function controlFor(controls: ControlRegistry, q: v.QuestionHandle): ControlRegistry[string] & { target: v.QuestionHandle } {
  const type = v.elementType(q);
  const own = controls[type];
  if (own && type === "rating" && v.rateAsDropdown(q)) return { ...own, frame: "label", target: q };
  if (own) return { ...own, target: q };
  const content = v.customContent(q);
  if (content && "question" in content) {
    const inner = controls[v.elementType(content.question)];
    if (inner) return { ...inner, target: content.question };
  }
  if (content && "panel" in content && controls[COMPOSITE]) return { ...controls[COMPOSITE], target: q };
  return { ...controls[UNKNOWN]!, target: q };
}
