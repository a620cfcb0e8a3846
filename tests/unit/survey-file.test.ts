import { describe, expect, it } from "vitest";
import { parseSurveyFile, surveyFileToDefinition } from "../../src/schema/survey-file.ts";
import { sourcesToCatalog } from "../../src/catalog/check.ts";
import { definitionProblems } from "../../src/survey/check-definition.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";

const checkSources = (sources: Parameters<typeof sourcesToCatalog>[0]) => sourcesToCatalog(sources, definitionProblems);

const good = {
  id: "demo-survey",
  version: 2,
  languages: ["en", "fr"],
  title: { default: "Demo", fr: "Démo" },
  pages: [{ name: "p1", elements: [{ type: "text", name: "q1", title: { default: "Q", fr: "Q" } }] }],
};
const text = (o: unknown) => JSON.stringify(o, null, 2);

describe("survey file envelope", () => {
  it("accepts a valid file and strips our keys for survey-core", () => {
    const r = parseSurveyFile(text(good), "demo.json");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const def = surveyFileToDefinition(r.file);
    expect(def).not.toHaveProperty("id");
    expect(def).not.toHaveProperty("version");
    expect(def).not.toHaveProperty("languages");
    expect(def["title"]).toEqual(good.title);
  });

  it("names file, JSON path and line for envelope errors", () => {
    const r = parseSurveyFile(text({ ...good, version: "2", languages: ["en", "xx"] }), "demo.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const version = r.problems.find((p) => p.path === "version");
    expect(version).toMatchObject({ file: "demo.json", line: 3, severity: "error" });
    expect(version?.message).toMatch(/version must be a number, not a string/);
    expect(r.problems.find((p) => p.path === "languages[1]")?.message).toMatch(/must be one of en, fr, es, ar/);
  });

  it("reports a missing key as missing", () => {
    const { version: _version, ...noVersion } = good;
    const r = parseSurveyFile(text(noVersion), "demo.json");
    expect(!r.ok && r.problems[0]?.message).toMatch(/version is missing/);
  });

  it("reports JSON syntax errors with line and column", () => {
    const r = parseSurveyFile('{\n  "id": "x",\n  "pages": [1,]\n}', "bad.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: "bad.json", line: 3, source: "json" });
  });
});

describe("catalog", () => {
  it("keeps good surveys when one file is broken", () => {
    const entries = checkSources([
      { fileName: "surveys/a.json", text: text(good) },
      { fileName: "surveys/b.json", text: "{" },
      { fileName: "surveys/c.json", text: text({ ...good, id: "other", pages: [{ name: "p", elements: [{ type: "nosuchtype", name: "z" }] }] }) },
      { fileName: "surveys/d.json", text: text(good) },
    ]);
    // An unknown type is left out by SurveyJS, which renders the rest: not a reason to refuse the survey.
    expect(entries.map((e) => e.ok)).toEqual([true, false, true, false]);
    const d = entries[3];
    expect(d && !d.ok && d.problems[0]?.message).toMatch(/already used by surveys\/a.json/);
  });
});

describe("lint", () => {
  it("finds linter errors, missing translations and unsafe names with their lines", () => {
    const bad = {
      ...good,
      pages: [
        {
          name: "p1",
          elements: [
            { type: "text", name: "first-name", title: { default: "First", fr: "" } },
            { type: "text", name: "q2", visibleIf: "{nosuch} = 1", title: { default: "Q2", fr: "Q2" } },
            { type: "radiogroup", name: "q3", choices: [{ text: "no value" }], title: { default: "Q3", fr: "Q3" } },
          ],
        },
      ],
    };
    const problems = lintSurveyText(text(bad), "bad.json");
    const byPath = (p: string) => problems.filter((x) => x.path === p);
    expect(byPath("pages[0].elements[0].name")[0]?.message).toMatch(/not a safe column name/);
    expect(byPath("pages[0].elements[0].title")[0]?.message).toMatch(/no fr translation/);
    expect(byPath("pages[0].elements[1].visibleIf")[0]).toMatchObject({ severity: "error", source: "linter:reference/unknown" });
    expect(byPath("pages[0].elements[2].choices[0]").some((p) => /no value/.test(p.message))).toBe(true);
    expect(problems.every((p) => typeof p.line === "number")).toBe(true);
  });
});
