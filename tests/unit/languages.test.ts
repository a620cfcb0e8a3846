// The six UN languages: one list, survey-core's own strings in each, every shipped survey complete in each.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES, languageDir, languageName } from "../../src/i18n/languages.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import "../../src/survey/locales.ts";

const ROOT = resolve(import.meta.dirname, "../..");

describe("the six UN languages", () => {
  it("are in the one list, each named in its own script", () => {
    expect([...LANGUAGE_CODES].sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
    expect(LANGUAGE_CODES.map(languageName)).toEqual(["English", "Français", "Español", "العربية", "Русский", "中文"]);
    expect(LANGUAGE_CODES.filter((l) => languageDir(l) === "rtl")).toEqual(["ar"]);
  });

  it("have survey-core's own messages (Chinese registered as zh)", () => {
    const model = new Model({ pages: [{ elements: [{ type: "text", name: "q", isRequired: true }] }] });
    const complete: Record<string, string> = {};
    for (const l of LANGUAGE_CODES) {
      model.locale = l === "en" ? "" : l;
      complete[l] = model.completeText;
    }
    expect(complete["ru"]).toBe("Готово");
    expect(complete["zh"]).toBe("提交问卷");
    expect(new Set(Object.values(complete)).size).toBe(6);
  });

  it("are declared and complete in every shipped survey", () => {
    for (const name of readdirSync(join(ROOT, "surveys")).filter((n) => n.endsWith(".json"))) {
      const parsed = parseSurveyFile(readFileSync(join(ROOT, "surveys", name), "utf8"), name);
      if (!parsed.ok) throw new Error(`${name} does not parse`);
      expect([...parsed.file.languages].sort(), name).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
      const missing: string[] = [];
      const walk = (v: unknown, path: string) => {
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else if (v && typeof v === "object") {
          const o = v as Record<string, unknown>;
          if (typeof o["default"] === "string" && typeof o["fr"] === "string") {
            for (const l of ["ru", "zh"]) if (typeof o[l] !== "string" || o[l] === "") missing.push(`${path}.${l}`);
            // Placeholders such as {country} survive translation.
            for (const p of (o["default"] as string).match(/\{[a-zA-Z]+\}/g) ?? []) for (const l of ["ru", "zh"]) if (!(o[l] as string).includes(p)) missing.push(`${path}.${l} lacks ${p}`);
          } else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
        }
      };
      walk(parsed.file, "$");
      expect(missing, name).toEqual([]);
    }
  });
});
