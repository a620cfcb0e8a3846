import { createRoot, createEffect } from "solid-js";
import { describe, expect, it } from "vitest";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { settled } from "../../src/survey/reactive.ts";
import * as view from "../../src/survey/view.ts";

const definition = {
  title: { default: "Test", fr: "Essai", ar: "اختبار" },
  pages: [
    {
      name: "first",
      elements: [
        { type: "radiogroup", name: "has_group", isRequired: true, choices: ["yes", "no"], title: { default: "Group?", fr: "Groupe ?" } },
        { type: "text", name: "group_name", visibleIf: "{has_group} = 'yes'", title: "Name of {has_group}" },
        { type: "text", name: "email", validators: [{ type: "email" }] },
      ],
    },
    { name: "second", elements: [{ type: "comment", name: "notes" }] },
  ],
};

describe("survey session", () => {
  it("tracks visibility reactively through the Solid binding", async () => {
    const s = createSurveySession({ definition });
    const [, groupName] = view.elementsOf(s.currentPage()!);
    const seen: boolean[] = [];
    const dispose = createRoot((d) => {
      createEffect(() => seen.push(view.isVisible(groupName!)));
      return d;
    });
    const hasGroup = s.model.getQuestionByName("has_group");
    hasGroup.value = "yes";
    await settled();
    hasGroup.value = "no";
    await settled();
    expect(seen).toEqual([false, true, false]);
    dispose();
  });

  it("re-renders a title only when its text changes (placeholders), not on every answer", async () => {
    const s = createSurveySession({ definition });
    const [hasGroup, groupName, email] = view.elementsOf(s.currentPage()!);
    const placeholderTitles: string[] = [];
    let emailTitleRuns = 0;
    const dispose = createRoot((d) => {
      createEffect(() => placeholderTitles.push(view.title(groupName!)));
      createEffect(() => (view.title(email!), emailTitleRuns++));
      return d;
    });
    view.setValue(view.asQuestion(hasGroup!), "yes");
    await settled();
    view.setValue(view.asQuestion(hasGroup!), "no");
    await settled();
    expect(placeholderTitles).toEqual(["Name of ", "Name of yes", "Name of no"]);
    expect(emailTitleRuns).toBe(1);
    dispose();
  });

  it("shows added matrix rows and dynamic panels once survey-core has built them", async () => {
    const s = createSurveySession({
      definition: {
        pages: [
          {
            name: "p",
            elements: [
              { type: "matrixdynamic", name: "m", rowCount: 1, columns: [{ name: "a", cellType: "text" }] },
              { type: "paneldynamic", name: "pd", templateElements: [{ type: "text", name: "t" }] },
            ],
          },
        ],
      },
    });
    const [m, pd] = view.elementsOf(s.currentPage()!).map(view.asQuestion);
    const rows: number[] = [];
    const panels: number[] = [];
    const dispose = createRoot((d) => {
      createEffect(() => rows.push(view.dropdownMatrixRows(m!).length));
      createEffect(() => panels.push(view.dynamicPanels(pd!).length));
      return d;
    });
    view.addRow(m!);
    view.addPanel(pd!);
    await settled();
    expect(rows).toEqual([1, 2]);
    expect(panels).toEqual([0, 1]);
    view.removeRow(m!, view.dropdownMatrixRows(m!)[0]!);
    await settled();
    expect(rows).toEqual([1, 2, 1]);
    dispose();
  });

  it("validates the current page on next and reports the first error", () => {
    const s = createSurveySession({ definition });
    const r = s.next();
    expect(r.ok).toBe(false);
    expect(s.pageIndex()).toBe(0);
    s.model.getQuestionByName("has_group").value = "no";
    expect(s.next().ok).toBe(true);
    expect(s.currentPage() && view.elementKey(s.currentPage()!)).toBeTruthy();
    expect(s.snapshot().currentPage).toBe("second");
  });

  it("switches language and direction", () => {
    const s = createSurveySession({ definition, language: "ar" });
    expect(s.dir()).toBe("rtl");
    expect(s.title()).toBe("اختبار");
    s.setLanguage("fr");
    expect(s.dir()).toBe("ltr");
    expect(s.title()).toBe("Essai");
  });

  it("restores data, page and language exactly", () => {
    const s = createSurveySession({ definition, data: { has_group: "yes", group_name: "X", notes: "n" }, currentPage: "second", language: "fr" });
    expect(s.pageIndex()).toBe(1);
    expect(s.snapshot()).toMatchObject({ currentPage: "second", language: "fr", data: { has_group: "yes", group_name: "X", notes: "n" } });
  });

  it("complete goes to the first invalid page", () => {
    const s = createSurveySession({ definition, currentPage: "second" });
    const r = s.complete();
    expect(r.ok).toBe(false);
    expect(s.pageIndex()).toBe(0);
    s.model.getQuestionByName("has_group").value = "no";
    expect(s.complete().ok).toBe(true);
    expect(s.completed()).toBe(true);
  });

  it("keeps staged text in the snapshot before it is committed", () => {
    const s = createSurveySession({ definition });
    const [, , email] = view.elementsOf(s.currentPage()!);
    let changes = 0;
    s.onChange(() => changes++);
    s.stageText(view.asQuestion(email!), "a@b.c");
    expect(s.snapshot().data["email"]).toBe("a@b.c");
    expect(changes).toBe(1);
  });
});
