import { describe, expect, it } from "vitest";
import { buildPreview, keepExistingAnswers, previewPages, showPage } from "../../src/survey/designer/preview.ts";

const text = (elements: unknown[], pages: unknown[] = []) =>
  JSON.stringify({ id: "preview-test", version: 1, languages: ["en", "fr"], title: { default: "P", fr: "P" }, pages: [{ name: "p1", elements }, ...pages] });

describe("designer preview", () => {
  it("keeps the test answers of questions that still exist, with their comments", () => {
    const def = JSON.parse(text([{ type: "text", name: "a" }, { type: "paneldynamic", name: "kids", templateElements: [{ type: "text", name: "age" }] }]));
    expect(keepExistingAnswers({ a: "x", "a-Comment": "c", gone: 1, kids: [{ age: 3 }] }, def)).toEqual({ a: "x", "a-Comment": "c", kids: [{ age: 3 }] });
  });

  it("rebuilds from new text with the previous answers, page and language", () => {
    const first = buildPreview(text([{ type: "text", name: "a" }, { type: "text", name: "b" }], [{ name: "p2", elements: [{ type: "text", name: "c" }] }]), undefined);
    if (!first.ok) throw new Error("no preview");
    first.session.model.setValue("a", "kept");
    first.session.model.setValue("b", "dropped");
    first.session.setLanguage("fr");
    expect(showPage(first.session, "p2")).toBe(true);
    const next = buildPreview(text([{ type: "text", name: "a" }], [{ name: "p2", elements: [{ type: "text", name: "c" }] }]), first.session.snapshot());
    if (!next.ok) throw new Error("no preview");
    expect(next.session.snapshot()).toMatchObject({ data: { a: "kept" }, currentPage: "p2", language: "fr" });
    expect(previewPages(next.session).map((p) => [p.name, p.visible])).toEqual([["p1", true], ["p2", true]]);
    expect(buildPreview("{ broken", next.session.snapshot())).toEqual({ ok: false });
  });

  it("cannot show a page that a condition hides", () => {
    const built = buildPreview(text([{ type: "boolean", name: "more" }], [{ name: "p2", visibleIf: "{more} = true", elements: [{ type: "text", name: "c" }] }]), undefined);
    if (!built.ok) throw new Error("no preview");
    expect(showPage(built.session, "p2")).toBe(false);
    built.session.model.setValue("more", true);
    expect(showPage(built.session, "p2")).toBe(true);
  });
});
