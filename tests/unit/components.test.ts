import { ComponentCollection } from "survey-core";
import { describe, expect, it } from "vitest";
import { controlFor } from "../../src/components/control-for.ts";
import { COMPOSITE, UNKNOWN, type ControlRegistry } from "../../src/components/types.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { registerComponents } from "../../src/survey/components.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";
import * as v from "../../src/survey/view.ts";

// A registry of stand-ins: which control controlFor picks is what matters here.
const stub = (name: string) => Object.assign(() => null, { displayName: name });
const registry: ControlRegistry = {
  dropdown: { control: stub("dropdown"), frame: "label" },
  text: { control: stub("text"), frame: "label" },
  rating: { control: stub("rating"), frame: "group" },
  [COMPOSITE]: { control: stub("composite"), frame: "group" },
  [UNKNOWN]: { control: stub("unknown"), frame: "label" },
};
const picked = (q: v.QuestionHandle) => (controlFor(registry, q).control as unknown as { displayName: string }).displayName;

describe("custom component types render through their definitions", () => {
  it("one registered by the app: the control of the question it wraps, on that question", () => {
    ComponentCollection.Instance.add({ name: "appcountry", questionJSON: { type: "dropdown", choices: ["mda", "mar"] } });
    const session = createSurveySession({ definition: { elements: [{ type: "appcountry", name: "home" }, { type: "nosuchtype", name: "z" }] } });
    const q = session.model.getQuestionByName("home") as unknown as v.QuestionHandle;
    const entry = controlFor(registry, q);
    expect(picked(q)).toBe("dropdown");
    expect(entry.target).not.toBe(q);
    expect(v.choices(entry.target).map(v.choiceValue)).toEqual(["mda", "mar"]);
    v.selectChoice(entry.target, v.choices(entry.target)[1]!);
    expect(session.snapshot().data).toEqual({ home: "mar" });
    session.dispose();
    ComponentCollection.Instance.remove("appcountry");
  });

  it("one carried by the file: a composite renders its questions; the answer is an object of them", () => {
    const components = [{ name: "fullname", elementsJSON: [{ type: "text", name: "first" }, { type: "text", name: "last" }] }];
    const session = createSurveySession({ definition: { elements: [{ type: "fullname", name: "focal" }] }, components });
    const q = session.model.getQuestionByName("focal") as unknown as v.QuestionHandle;
    expect(picked(q)).toBe("composite");
    const content = v.customContent(q);
    if (!content || !("panel" in content)) throw new Error("no panel");
    const [first, last] = v.elementsOf(content.panel).map(v.asQuestion);
    v.setValue(first!, "Amina");
    v.setValue(last!, "Haddad");
    expect(session.snapshot().data).toEqual({ focal: { first: "Amina", last: "Haddad" } });
    session.dispose();
  });

  it("a type nothing knows names itself; a rating shown as a dropdown is one labelled input", () => {
    const session = createSurveySession({ definition: { elements: [{ type: "rating", name: "r", displayMode: "dropdown" }, { type: "rating", name: "s" }] } });
    const r = session.model.getQuestionByName("r") as unknown as v.QuestionHandle;
    const s = session.model.getQuestionByName("s") as unknown as v.QuestionHandle;
    expect(controlFor(registry, r).frame).toBe("label");
    expect(controlFor(registry, s).frame).toBe("group");
    session.dispose();
  });

  it("refuses a file's component named like a built-in type, and lint knows the file's types", () => {
    expect(registerComponents([{ name: "text", questionJSON: { type: "dropdown" } }])).toEqual([{ index: 0, message: expect.stringContaining("built-in SurveyJS type") }]);
    const text = JSON.stringify({ id: "c-test", version: 1, languages: ["en"], components: [{ name: "yesnomaybe", questionJSON: { type: "radiogroup", choices: ["yes", "no", "maybe"] } }], elements: [{ type: "yesnomaybe", name: "q" }] });
    expect(lintSurveyText(text, "c.json", { strict: true })).toEqual([]);
  });
});
