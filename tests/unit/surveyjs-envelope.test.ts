import { describe, expect, it } from "vitest";
import { deriveEnvelope, definitionToSurveyFile, parseSurveyFile, parseSurveyText } from "../../src/schema/survey-file.ts";
import { applyLintFix } from "../../src/survey/designer/fixes.ts";
import { sourcesToCatalog } from "../../src/catalog/check.ts";
import { definitionProblems } from "../../src/survey/check-definition.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";

const text = (o: unknown) => JSON.stringify(o, null, 2);
const envelope = { id: "shapes", version: 1, languages: ["en"] };

describe("the envelope takes every shape SurveyJS takes", () => {
  it("root-level elements or questions without pages", () => {
    for (const key of ["elements", "questions"]) {
      const r = parseSurveyFile(text({ ...envelope, [key]: [{ type: "text", name: "q1" }] }), "root.json");
      expect(r.ok).toBe(true);
      expect(lintSurveyText(text({ ...envelope, [key]: [{ type: "text", name: "q1" }] }), "root.json", { strict: true })).toEqual([]);
    }
  });

  it("a title that is plain, localized, empty or absent", () => {
    for (const title of ["Plain", { default: "Loc", fr: "Loc" }, "", undefined]) {
      const r = parseSurveyFile(text({ ...envelope, title, elements: [] }), "t.json");
      expect(r.ok).toBe(true);
    }
    const bad = parseSurveyFile(text({ ...envelope, title: 5 }), "t.json");
    expect(!bad.ok && bad.problems[0]?.message).toBe("title must be text, or an object of texts by language");
  });

  it("hints at languages when a file has locales instead", () => {
    const r = parseSurveyFile(text({ id: "x-survey", version: 1, locales: ["en", "fr"], elements: [] }), "l.json");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual(['languages is missing (expected array); the file has "locales": did you mean "languages"?']);
    // `locale` is SurveyJS's own (one language): no hint.
    const own = parseSurveyFile(text({ id: "x-survey", version: 1, locale: "fr", elements: [] }), "l.json");
    expect(!own.ok && own.problems[0]?.message).toBe("languages is missing (expected array)");
  });

  it("tells a bare SurveyJS definition from a broken envelope", () => {
    expect(parseSurveyText(text({ title: "Creator export", pages: [] }), "c.json")).toMatchObject({ ok: true, kind: "surveyjs" });
    expect(parseSurveyText(text({ ...envelope, pages: [] }), "c.json")).toMatchObject({ ok: true, kind: "file" });
    expect(parseSurveyText(text({ id: "x", pages: [] }), "c.json")).toMatchObject({ ok: false });
    expect(parseSurveyText(text({ locales: ["fr"], pages: [] }), "c.json")).toMatchObject({ ok: false });
  });
});

describe("an envelope for a definition that has none", () => {
  it("takes the id from the title, version 1, and the languages of the texts", () => {
    const def = { title: { default: "Staff wellbeing 2025", fr: "Bien-être", de: "Wohlbefinden" }, elements: [{ type: "text", name: "q", title: { default: "Q", ar: "س" } }] };
    expect(deriveEnvelope(def, { taken: new Set(["staff-wellbeing-2025"]) })).toEqual({ id: "staff-wellbeing-2025-2", version: 1, languages: ["en", "fr", "ar"], unsupported: ["de"] });
    expect(deriveEnvelope({ title: { fr: "Enquête" } }).languages).toEqual(["fr"]);
  });

  it("uses the file name without a title, and the survey's locale when every text is plain", () => {
    expect(deriveEnvelope({ locale: "es", elements: [{ type: "text", name: "q", title: "¿Edad?" }] }, { fileName: "C:\\exports\\Encuesta Ñ.json" })).toEqual({ id: "encuesta-n", version: 1, languages: ["es"], unsupported: [] });
    expect(deriveEnvelope({})).toMatchObject({ id: "survey", languages: ["en"] });
  });

  it("makes a file that passes the strict checks", () => {
    const def = { title: "From Creator", questions: [{ type: "text", name: "age" }] };
    const file = definitionToSurveyFile(def, deriveEnvelope(def));
    expect(lintSurveyText(text(file), "f.json", { strict: true })).toEqual([]);
  });
});

describe("lint", () => {
  it("reports every problem even when the envelope is wrong", () => {
    const problems = lintSurveyText(text({ id: "Bad Id", version: 0, languages: ["en"], elements: [{ type: "text", name: "a", visibleIf: "{nosuch} = 1" }, { type: "text", name: "a" }] }), "e.json");
    const paths = problems.map((p) => `${p.path}: ${p.source}`);
    expect(paths).toEqual(expect.arrayContaining(["id: envelope", "version: envelope", "elements[0].visibleIf: linter:reference/unknown", "elements[1]: linter:name/duplicate"]));
  });

  it("suggests the fix for a near-miss key, and the fix applies", () => {
    const source = text({ ...envelope, pgaes: [{ name: "p1", elements: [{ type: "text", name: "a", titel: "Age" }] }] });
    const problems = lintSurveyText(source, "n.json");
    const pages = problems.find((p) => p.path === "pgaes");
    expect(pages?.message).toMatch(/Did you mean "pages"\?/);
    const fixed = applyLintFix(source, pages!.fix!)!;
    const inner = lintSurveyText(fixed, "n.json").find((p) => p.path === "pages[0].elements[0].titel");
    expect(inner?.message).toMatch(/Did you mean "title"\?/);
    expect(JSON.parse(applyLintFix(fixed, inner!.fix!)!).pages[0].elements[0]).toEqual({ type: "text", name: "a", title: "Age" });
  });

  it("suggests languages for locales at the root, not SurveyJS's locale", () => {
    const problems = lintSurveyText(text({ id: "x-survey", version: 1, locales: ["en"], elements: [] }), "l.json");
    expect(problems.find((p) => p.path === "locales")?.fix?.edits).toEqual([{ op: "rename", path: "locales", key: "languages" }]);
  });

  it("loader complaints SurveyJS tolerates are warnings, errors when strict", () => {
    const source = text({ ...envelope, elements: [{ type: "text" }, { type: "nosuchtype", name: "z" }, { type: "text", name: "q", obsoleteThing: 1 }] });
    const bySource = (strict: boolean) => lintSurveyText(source, "w.json", { strict }).filter((p) => p.source === "survey-core").map((p) => `${p.path}: ${p.severity}`);
    expect(bySource(false)).toEqual(["elements[0]: warning", "elements[1]: warning", "elements[2].obsoleteThing: warning"]);
    expect(bySource(true)).toEqual(["elements[0]: error", "elements[1]: error", "elements[2].obsoleteThing: error"]);
    // The app shows such a survey, as SurveyJS does.
    expect(sourcesToCatalog([{ fileName: "surveys/w.json", text: source }], definitionProblems)[0]?.ok).toBe(true);
  });

  it("checks a bare SurveyJS definition when the envelope is optional", () => {
    const bare = text({ title: { default: "T", fr: "T" }, elements: [{ type: "text", name: "q", title: { default: "Q", fr: "" } }] });
    const problems = lintSurveyText(bare, "b.json", { envelope: "optional" });
    expect(problems.map((p) => p.path)).toEqual(["elements[0].title"]);
    expect(lintSurveyText(bare, "b.json").map((p) => p.path)).toEqual(expect.arrayContaining(["id", "version", "languages"]));
  });

  describe("no false alarms on valid SurveyJS JSON", () => {
    const lint = (def: Record<string, unknown>) => lintSurveyText(text({ ...envelope, ...def }), "v.json", { strict: true }).filter((p) => p.severity === "error");

    it("a visible trigger's list of question names", () => {
      expect(lint({ elements: [{ type: "text", name: "a" }, { type: "text", name: "b" }], triggers: [{ type: "visible", expression: "{a} = 1", questions: ["b"] }] })).toEqual([]);
    });

    it("a setvalue trigger that sets a variable", () => {
      const def = { elements: [{ type: "text", name: "a" }, { type: "expression", name: "e", expression: "{total} * 2" }], triggers: [{ type: "setvalue", expression: "{a} = 1", setToName: "total", setValue: 2, isVariable: true }] };
      expect(lint(def)).toEqual([]);
      // Without isVariable the target must exist.
      expect(lint({ ...def, triggers: [{ type: "setvalue", expression: "{a} = 1", setToName: "total", setValue: 2 }] }).map((p) => p.source)).toContain("linter:trigger/unknown-target");
    });

    it("{panel.x} through a valueName two dynamic panels share", () => {
      const def = {
        elements: [
          { type: "paneldynamic", name: "p1", valueName: "shared", templateElements: [{ type: "text", name: "x" }] },
          { type: "paneldynamic", name: "p2", valueName: "shared", templateElements: [{ type: "text", name: "y", visibleIf: "{panel.x} = 1" }] },
        ],
      };
      expect(lint(def)).toEqual([]);
      const unshared = structuredClone(def);
      delete (unshared.elements[1] as Record<string, unknown>)["valueName"];
      expect(lint(unshared).map((p) => p.source)).toContain("linter:reference/unknown");
    });

    it("the same name in two dynamic panel templates, but not twice in one", () => {
      const tpl = (name: string, els: unknown[]) => ({ type: "paneldynamic", name, templateElements: els });
      expect(lint({ elements: [tpl("p1", [{ type: "text", name: "x" }]), tpl("p2", [{ type: "text", name: "x" }])] })).toEqual([]);
      expect(lint({ elements: [tpl("p1", [{ type: "text", name: "x" }, { type: "text", name: "x" }])] }).map((p) => p.source)).toContain("linter:name/duplicate");
      expect(lint({ elements: [{ type: "text", name: "x" }, { type: "text", name: "x" }] }).map((p) => p.source)).toContain("linter:name/duplicate");
    });
  });
});
