import { describe, expect, it } from "vitest";
import { renameElement, rewriteReferences } from "../../src/survey/designer/rename.ts";

const survey = (extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      id: "s",
      version: 1,
      languages: ["en", "fr"],
      title: { default: "T", fr: "T" },
      pages: [
        {
          name: "p1",
          elements: [
            { type: "radiogroup", name: "age", choices: ["a", "b"] },
            { type: "text", name: "age_detail", visibleIf: "{age} = 'a' and {age_detail2} empty", title: { default: "You said {age}", fr: "Vous avez dit {age}" } },
            { type: "text", name: "age_detail2", defaultValueExpression: "{ age }", validators: [{ type: "expression", expression: "{age} notempty" }] },
            { type: "dropdown", name: "copy", choicesFromQuestion: "age" },
            {
              type: "paneldynamic",
              name: "kids",
              templateElements: [
                { type: "text", name: "kid_age" },
                { type: "text", name: "kid_note", visibleIf: "{panel.kid_age} > 3 and {age} = 'a'" },
              ],
              templateTitle: "Child {panel.kid_age}",
            },
            { type: "expression", name: "total", expression: "sumInArray({kids}, 'kid_age') + {kids[0].kid_age}" },
          ],
        },
      ],
      triggers: [{ type: "setvalue", expression: "{age} = 'b'", setToName: "age_detail", setValue: "x" }, { type: "copyvalue", expression: "{age} notempty", fromName: "age", setToName: "age_detail2" }],
      calculatedValues: [{ name: "double", expression: "{age} + {age}" }],
      completedHtmlOnCondition: [{ expression: "{age} = 'a'", html: { default: "<p>{age}</p>" } }],
      ...extra,
    },
    null,
    2,
  );

describe("rename refactoring", () => {
  it("renames a question and every reference to it, leaving similar names alone", () => {
    const text = survey();
    const r = renameElement(text, ["pages", 0, "elements", 0], "age_group");
    if ("error" in r) throw new Error(r.error);
    const out = JSON.parse(r.text);
    const els = out.pages[0].elements;
    expect(els[0].name).toBe("age_group");
    expect(els[1].visibleIf).toBe("{age_group} = 'a' and {age_detail2} empty");
    expect(els[1].title).toEqual({ default: "You said {age_group}", fr: "Vous avez dit {age_group}" });
    expect(els[2].defaultValueExpression).toBe("{ age_group }");
    expect(els[2].validators[0].expression).toBe("{age_group} notempty");
    expect(els[3].choicesFromQuestion).toBe("age_group");
    expect(els[4].templateElements[1].visibleIf).toBe("{panel.kid_age} > 3 and {age_group} = 'a'");
    expect(out.triggers[0].expression).toBe("{age_group} = 'b'");
    expect(out.triggers[0].setToName).toBe("age_detail");
    expect(out.triggers[1].fromName).toBe("age_group");
    expect(out.calculatedValues[0].expression).toBe("{age_group} + {age_group}");
    expect(out.completedHtmlOnCondition[0]).toEqual({ expression: "{age_group} = 'a'", html: { default: "<p>{age_group}</p>" } });
    expect(r.references).toBe(13);
    // Only the changed strings moved: the rest of the text is byte for byte the same.
    expect(r.text.replaceAll("age_group", "age")).toBe(text);
  });

  it("renames a question inside a dynamic panel through its panel prefixes and array functions", () => {
    const r = renameElement(survey(), ["pages", 0, "elements", 4, "templateElements", 0], "child_age");
    if ("error" in r) throw new Error(r.error);
    const els = JSON.parse(r.text).pages[0].elements;
    expect(els[4].templateElements[0].name).toBe("child_age");
    expect(els[4].templateElements[1].visibleIf).toBe("{panel.child_age} > 3 and {age} = 'a'");
    expect(els[4].templateTitle).toBe("Child {panel.child_age}");
    expect(els[5].expression).toBe("sumInArray({kids}, 'child_age') + {kids[0].child_age}");
  });

  it("refuses a name that is taken or empty", () => {
    expect(renameElement(survey(), ["pages", 0, "elements", 0], "copy")).toEqual({ error: "taken" });
    expect(renameElement(survey(), ["pages", 0, "elements", 0], " ")).toEqual({ error: "empty" });
    expect(renameElement(survey(), ["pages", 0, "elements", 9], "x")).toEqual({ error: "notFound" });
  });

  it("keeps suffixed references and does not touch other names that start the same", () => {
    const others = new Set(["q-2"]);
    expect(rewriteReferences("{q-unwrapped} {q-2} {q.row} {q[0]} {qq}", "q", "r", [], others)).toBe("{r-unwrapped} {q-2} {r.row} {r[0]} {qq}");
  });
});
