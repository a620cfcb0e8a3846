import { describe, expect, it } from "vitest";
import { namesInUse } from "../../src/definition/elements.ts";
import { addElement, deleteElement, duplicateElement, insertionPoint, moveElement, nodeAtOffset, textToOutline } from "../../src/survey/designer/outline.ts";
import { createElementSnippet, createPageSnippet, elementTypes } from "../../src/survey/designer/snippets.ts";
import { lintSurveyText, RENDERED_TYPES } from "../../src/survey/lint.ts";

const base = {
  id: "outline-test",
  version: 1,
  languages: ["en"],
  title: "Outline",
  pages: [
    { name: "p1", elements: [{ type: "text", name: "a", title: "A" }, { type: "panel", name: "box", elements: [{ type: "text", name: "b" }] }] },
    { name: "p2", elements: [{ type: "text", name: "c", visibleIf: "{a} notempty" }] },
  ],
};
const text = JSON.stringify(base, null, 2);
const ok = (r: ReturnType<typeof moveElement>) => {
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe("outline", () => {
  it("lists pages, panels and questions with their place in the text", () => {
    const outline = textToOutline(text)!;
    expect(outline.map((p) => p.name)).toEqual(["p1", "p2"]);
    const [a, box] = outline[0]!.children;
    expect(a).toMatchObject({ kind: "question", type: "text", name: "a", title: "A", path: ["pages", 0, "elements", 0] });
    expect(box).toMatchObject({ kind: "panel", name: "box", childArray: ["pages", 0, "elements", 1, "elements"] });
    expect(box!.children[0]!.name).toBe("b");
    expect(JSON.parse(text.slice(a!.from, a!.to))).toEqual(base.pages[0]!.elements[0]);
    expect(nodeAtOffset(outline, text.indexOf('"b"'))?.name).toBe("b");
    expect(textToOutline("{ nope")).toBeUndefined();
  });

  it("moves within a container and across pages, keeping the rest of the text", () => {
    const down = ok(moveElement(text, ["pages", 0, "elements", 0], 1));
    expect(JSON.parse(down.text).pages[0].elements.map((e: { name: string }) => e.name)).toEqual(["box", "a"]);
    expect(down.select).toEqual(["pages", 0, "elements", 1]);
    const across = ok(moveElement(down.text, ["pages", 0, "elements", 1], 1));
    const pages = JSON.parse(across.text).pages;
    expect(pages[0].elements.map((e: { name: string }) => e.name)).toEqual(["box"]);
    expect(pages[1].elements.map((e: { name: string }) => e.name)).toEqual(["a", "c"]);
    expect(moveElement(text, ["pages", 0, "elements", 0], -1)).toEqual({ ok: false, reason: "edge" });
    expect(moveElement("{", ["pages", 0], 1)).toEqual({ ok: false, reason: "invalidJson" });
  });

  it("duplicates an element with fresh unique names, inner references following", () => {
    const withRef = JSON.stringify({ ...base, pages: [{ name: "p1", elements: [{ type: "panel", name: "box", elements: [{ type: "text", name: "b" }, { type: "text", name: "b_more", visibleIf: "{b} notempty" }] }] }] }, null, 2);
    const r = ok(duplicateElement(withRef, ["pages", 0, "elements", 0]));
    const els = JSON.parse(r.text).pages[0].elements;
    expect(els).toHaveLength(2);
    expect(els[1].name).toBe("box1");
    expect(els[1].elements.map((e: { name: string }) => e.name)).toEqual(["b1", "b_more1"]);
    expect(els[1].elements[1].visibleIf).toBe("{b1} notempty");
    expect(els[0].elements[1].visibleIf).toBe("{b} notempty");
    expect(lintSurveyText(r.text, "x.json").filter((p) => p.severity === "error")).toEqual([]);
  });

  it("deletes an element but never the last page", () => {
    const r = ok(deleteElement(text, ["pages", 0, "elements", 1]));
    expect(JSON.parse(r.text).pages[0].elements.map((e: { name: string }) => e.name)).toEqual(["a"]);
    const single = JSON.stringify({ ...base, pages: [base.pages[0]] });
    expect(deleteElement(single, ["pages", 0])).toEqual({ ok: false, reason: "lastPage" });
  });

  it("adds an element after the selection or into a selected container", () => {
    const outline = textToOutline(text)!;
    expect(insertionPoint(outline, ["pages", 0, "elements", 0])).toEqual({ arrayPath: ["pages", 0, "elements"], index: 1 });
    expect(insertionPoint(outline, ["pages", 0, "elements", 1])).toEqual({ arrayPath: ["pages", 0, "elements", 1, "elements"] });
    expect(insertionPoint(outline, undefined)).toEqual({ arrayPath: ["pages", 1, "elements"] });
    const taken = namesInUse(JSON.parse(text));
    const r = ok(addElement(text, ["pages", 0, "elements"], createElementSnippet("checkbox", taken, { languages: ["en"] }), 1));
    const added = JSON.parse(r.text).pages[0].elements[1];
    expect(added).toMatchObject({ type: "checkbox", name: "question1" });
    expect(r.select).toEqual(["pages", 0, "elements", 1]);
  });
});

describe("snippets", () => {
  const languages = ["en", "fr"];
  it.each(elementTypes())("a new %s is valid and named uniquely", (type) => {
    const taken = new Set(["question1", "page1"]);
    const page = createPageSnippet(taken, { languages }, false);
    const el = createElementSnippet(type, taken, { languages });
    expect(el["name"]).not.toBe("question1");
    const file = { id: "snippet-test", version: 1, languages, title: { default: "S", fr: "S" }, pages: [{ ...page, elements: [{ type: "text", name: "question1" }, el] }] };
    const problems = lintSurveyText(JSON.stringify(file, null, 2), "snippet.json");
    // The only thing left to do is translating: no errors, no other warnings
    // (but a type Survey Studio cannot show to respondents is pointed out).
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const others = problems.filter((p) => p.severity === "warning" && !/translation/.test(p.message)).map((p) => p.message);
    expect(others).toEqual(RENDERED_TYPES.includes(type) || type === "panel" ? [] : [expect.stringContaining(`cannot show a "${type}" question`)]);
  });
});
