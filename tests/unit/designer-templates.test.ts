import { describe, expect, it } from "vitest";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { readEnvelope } from "../../src/catalog/shipped.ts";
import { duplicateSurveyText, idFromTitle, newSurveyText, withVersion } from "../../src/survey/designer/templates.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";

describe("new surveys and copies", () => {
  it("makes ids from titles that are valid and not taken", () => {
    expect(idFromTitle("Évaluation de l’atelier 2025", new Set())).toBe("evaluation-de-l-atelier-2025");
    expect(idFromTitle("Office check-in", new Set(["office-check-in", "office-check-in-2"]))).toBe("office-check-in-3");
    expect(idFromTitle("استبيان", new Set())).toBe("survey");
  });

  it("starts a survey that passes every check, texts under the base language", () => {
    const text = newSurveyText({ id: "wellbeing", title: "استبيان", languages: ["ar", "fr"] });
    const parsed = parseSurveyFile(text, "wellbeing.json");
    expect(parsed.ok).toBe(true);
    const json = JSON.parse(text);
    expect(json.title).toEqual({ ar: "استبيان" });
    expect(json.pages[0].elements[0]).toMatchObject({ type: "text", name: "question1", title: { ar: "Question 1" } });
    // Only the missing French translations are left to do.
    expect(lintSurveyText(text, "wellbeing.json").every((p) => p.severity === "warning" && /no fr translation/.test(p.message))).toBe(true);
    expect(lintSurveyText(newSurveyText({ id: "solo", title: "Solo", languages: ["en"] }), "solo.json")).toEqual([]);
  });

  it("copies a survey under a new id at version 1, marking the title", () => {
    const source = newSurveyText({ id: "orig", title: "Original", languages: ["en", "fr"] }).replace('"version": 1', '"version": 4');
    const copy = duplicateSurveyText(source, "orig-copy", " (copy)");
    expect(readEnvelope(copy)).toEqual({ id: "orig-copy", version: 1 });
    expect(JSON.parse(copy).title).toEqual({ default: "Original (copy)" });
    expect(readEnvelope(withVersion(copy, 7)).version).toBe(7);
  });
});
