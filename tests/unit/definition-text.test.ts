import { describe, expect, it } from "vitest";
import { builtInText, textIn } from "../../src/definition/text.ts";

describe("textIn (the one localized-text helper)", () => {
  const title = { default: "Staff", fr: "Personnel", ar: "الموظفون" };

  it("gives the text in a language, 'default' and the default language being the same entry", () => {
    expect(textIn(title, "fr")).toBe("Personnel");
    expect(textIn(title, "en")).toBe("Staff");
    expect(textIn(title, "default")).toBe("Staff");
    expect(textIn("Plain", "ar")).toBe("Plain");
  });

  it("falls back to the default text, then to the default language's entry, then to any text", () => {
    expect(textIn(title, "es")).toBe("Staff");
    expect(textIn({ fr: "Personnel", en: "Staff" }, "es")).toBe("Staff");
    expect(textIn({ fr: "Personnel" }, "es")).toBe("Personnel");
  });

  it("reads the default entry as the survey's own language when its locale is not English", () => {
    const french = { default: "Personnel", en: "Staff" };
    expect(textIn(french, "fr", "fr")).toBe("Personnel");
    expect(textIn(french, "en", "fr")).toBe("Staff");
  });

  it("is undefined for values that hold no text", () => {
    for (const v of [undefined, null, 3, ["a"], {}, { fr: 1 }]) expect(textIn(v, "en")).toBeUndefined();
  });

  it("labels built-in items in the shipped languages, English for others", () => {
    expect(textIn(builtInText("none"), "fr")).toBe("Aucun");
    expect(textIn(builtInText("none"), "ru")).toBe("Нет");
    expect(textIn(builtInText("none"), "de")).toBe("None");
  });
});
