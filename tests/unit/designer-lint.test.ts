import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyLintFix, describeFix } from "../../src/survey/designer/fixes.ts";
import { localizableStrings, setTranslation, translationCoverage } from "../../src/survey/designer/localizable.ts";
import { lintSurveyText, RENDERED_TYPES } from "../../src/survey/lint.ts";

const file = (pages: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: "lint-test", version: 1, languages: ["en", "fr"], title: { default: "Survey", fr: "Enquête" }, pages, ...extra }, null, 2);

describe("designer lint rules", () => {
  it("flags a plain string in a bilingual survey, but not an empty one or an image link", () => {
    const text = file([
      {
        name: "p1",
        title: { default: "One", fr: "Un" },
        elements: [
          { type: "text", name: "q1", title: "Only English" },
          { type: "text", name: "q2", title: { default: "Both", fr: "Les deux" }, description: "" },
          { type: "image", name: "img", imageLink: "/images/a.png" },
        ],
      },
    ]);
    const problems = lintSurveyText(text, "t.json").filter((p) => p.source === "studio");
    const line = text.split("\n").findIndex((l) => l.includes('"Only English"')) + 1;
    expect(problems).toEqual([expect.objectContaining({ path: "pages[0].elements[0].title", severity: "warning", line, message: expect.stringContaining("no fr translation") })]);
  });

  it("keeps the earlier rules: missing language in an object, unsafe names, choices without values", () => {
    const text = file([{ name: "p1", title: { default: "One" }, elements: [{ type: "radiogroup", name: "q 1", title: { default: "Q", fr: "Q" }, choices: [{ text: { default: "A", fr: "A" } }] }] }]);
    const messages = lintSurveyText(text, "t.json").filter((p) => p.source === "studio").map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^pages\[0\]\.title: text has no fr translation/),
      expect.stringMatching(/^pages\[0\]\.elements\[0\]\.name: "q 1" is not a safe column name/),
      expect.stringMatching(/^pages\[0\]\.elements\[0\]\.choices\[0\]: this choice has no value/),
    ]);
  });

  it("carries the linter's fixes, and applying one removes the finding", () => {
    const text = file([{ name: "p1", title: { default: "One", fr: "Un" }, elements: [{ type: "text", name: "age", title: { default: "Age", fr: "Âge" } }, { type: "text", name: "next", title: { default: "N", fr: "N" }, visibleIf: "{agee} = 'x'", titel: "x" }] }]);
    const problems = lintSurveyText(text, "t.json");
    const ref = problems.find((p) => p.source === "linter:reference/unknown");
    expect(ref?.fix).toEqual({ reason: "renameReference", edits: [{ op: "set", path: "pages[0].elements[1].visibleIf", value: "{age} = 'x'" }] });
    expect(describeFix(ref!.fix!)).toEqual({ op: "set", target: "visibleIf", value: "{age} = 'x'" });
    // survey-core reports the unknown key itself; the linter's repair is attached to that problem.
    const unknown = problems.find((p) => p.path === "pages[0].elements[1].titel");
    expect(unknown?.source).toBe("survey-core");
    // "titel" is a slip for "title", but the question has a title already: renaming would lose it.
    expect(unknown?.fix?.edits[0]?.op).toBe("remove");

    let fixed = applyLintFix(text, ref!.fix!)!;
    fixed = applyLintFix(fixed, unknown!.fix!)!;
    expect(lintSurveyText(fixed, "t.json")).toEqual([]);
    // Only the two places changed.
    expect(fixed).toBe(text.replace("{agee} = 'x'", "{age} = 'x'").replace(',\n          "titel": "x"', ""));
    // A fix whose place is gone is refused rather than applied somewhere else.
    expect(applyLintFix(fixed, unknown!.fix!)).toBeUndefined();
  });

  it("npm run lint:surveys prints the same problems the designer shows and fails on errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "lint-"));
    const path = join(dir, "bad.json");
    const text = file([{ name: "p1", title: { default: "One", fr: "Un" }, elements: [{ type: "text", name: "q1", title: "Only English", visibleIf: "{nope} = 1" }] }]);
    writeFileSync(path, text);
    let out: string;
    let code = 0;
    try {
      out = execFileSync("npx", ["tsx", "scripts/lint-surveys.ts", path], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      code = err.status;
      out = err.stdout;
    }
    expect(code).toBe(1);
    for (const p of lintSurveyText(text, path)) expect(out).toContain(`${path}:${p.line}:${p.column}: ${p.path}: ${p.severity}: ${p.message}`);
  }, 30_000);
});

describe("translations", () => {
  const text = file([
    {
      name: "p1",
      title: { default: "One", fr: "Un" },
      elements: [
        { type: "radiogroup", name: "q1", title: "Plain", choices: [{ value: "a", text: { default: "A" } }, "b"] },
        { type: "matrixdropdown", name: "m", columns: [{ name: "c", title: { default: "Col", fr: "Col" }, cellType: "dropdown", choices: [{ value: 1, text: { default: "One" } }] }], rows: ["r"] },
      ],
      description: { default: "D", fr: "" },
    },
  ]);

  it("lists every localizable string with its owner and languages", () => {
    const rows = localizableStrings(JSON.parse(text)).map((e) => [e.pathString, e.owner, e.plain, e.values]);
    expect(rows).toEqual([
      ["title", "survey", false, { default: "Survey", fr: "Enquête" }],
      ["pages[0].title", "p1", false, { default: "One", fr: "Un" }],
      ["pages[0].elements[0].title", "q1", true, { default: "Plain" }],
      ["pages[0].elements[0].choices[0].text", "q1 → a", false, { default: "A" }],
      ["pages[0].elements[1].columns[0].title", "c", false, { default: "Col", fr: "Col" }],
      ["pages[0].elements[1].columns[0].choices[0].text", "c → 1", false, { default: "One" }],
      ["pages[0].description", "p1", false, { default: "D", fr: "" }],
    ]);
    expect(translationCoverage(localizableStrings(JSON.parse(text)), ["en", "fr"])).toEqual([
      { language: "en", filled: 7, total: 7 },
      { language: "fr", filled: 3, total: 7 },
    ]);
  });

  it("sets a translation in place, turning a plain string into a per-language object", () => {
    const entries = localizableStrings(JSON.parse(text));
    let out = setTranslation(text, entries[2]!, "fr", "Simple");
    expect(JSON.parse(out).pages[0].elements[0].title).toEqual({ default: "Plain", fr: "Simple" });
    out = setTranslation(out, entries[3]!, "fr", "A-fr");
    expect(JSON.parse(out).pages[0].elements[0].choices[0].text).toEqual({ default: "A", fr: "A-fr" });
    out = setTranslation(out, entries[1]!, "en", "First");
    expect(JSON.parse(out).pages[0].title).toEqual({ default: "First", fr: "Un" });
    out = setTranslation(out, entries[1]!, "fr", "");
    expect(JSON.parse(out).pages[0].title).toEqual({ default: "First" });
  });
});

describe("types the respondent UI shows", () => {
  it("lists exactly the types the renderer registry has", () => {
    // The registry's components need a DOM; its keys are read from its source.
    const source = readFileSync("src/components/registry.ts", "utf8");
    const block = source.slice(source.indexOf("export const controls"));
    const keys = [...block.matchAll(/^\s+(\w+): \{ control:/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(10);
    expect([...RENDERED_TYPES].sort()).toEqual(keys.sort());
  });

  it("covers every question type survey-core can create from JSON: no placeholders", async () => {
    const { Question, Serializer } = await import("survey-core");
    const creatable = Serializer.getAllClasses().filter((name) => {
      const cls = Serializer.findClass(name);
      // Abstract bases (selectbase, textbase, matrixdropdownbase, nonvalue) are never written in JSON.
      if (!cls?.creator || /base$/.test(name) || name === "nonvalue") return false;
      return cls.creator({}) instanceof Question;
    });
    expect(creatable.length).toBeGreaterThan(20);
    expect(creatable.filter((t) => !RENDERED_TYPES.includes(t))).toEqual([]);
  });
});

describe("hostile definitions", () => {
  it("never throws: a crash of a check becomes a problem", () => {
    const weird = file([{ name: "p1", elements: [{ type: 5, name: "x" }, { type: "text", name: { a: 1 } }] }]);
    expect(() => lintSurveyText(weird, "t.json")).not.toThrow();
    const depth = 20000;
    const deep = `${'{"type":"panel","name":"box","elements":['.repeat(depth)}{"type":"text","name":"leaf"}${"]}".repeat(depth)}`;
    const text = file([{ name: "p1", elements: ["DEEP"] }]).replace('"DEEP"', deep);
    expect(() => lintSurveyText(text, "t.json")).not.toThrow();
  });
});
