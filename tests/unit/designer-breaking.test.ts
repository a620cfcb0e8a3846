import { describe, expect, it } from "vitest";
import { breakingChanges, countAffected, dataFields } from "../../src/survey/designer/breaking.ts";

const v1 = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "html", name: "intro", html: "Hi" },
        { type: "radiogroup", name: "sector", title: "Sector", choices: ["health", { value: "edu", text: "Education" }, "other"] },
        { type: "text", name: "staff", title: "Staff count" },
        { type: "checkbox", name: "areas", choices: ["a", "b", "c"] },
        { type: "comment", name: "notes" },
        { type: "paneldynamic", name: "projects", templateElements: [{ type: "text", name: "budget", title: "Budget" }] },
        { type: "matrixdynamic", name: "plan", columns: [{ name: "task", cellType: "text" }, { name: "when" }] },
      ],
    },
  ],
};
const clone = () => structuredClone(v1) as typeof v1 & { pages: { elements: Record<string, unknown>[] }[] };

describe("breaking changes", () => {
  it("lists the fields that store data, nested ones with their parent", () => {
    expect(dataFields(v1).map((f) => f.key.join("/"))).toEqual(["sector", "staff", "areas", "notes", "projects", "projects/budget", "plan", "plan/task", "plan/when"]);
  });

  it("finds no breaking change when only texts and additions change", () => {
    const v2 = clone();
    v2.pages[0]!.elements[2]!["title"] = "Number of staff";
    v2.pages[0]!.elements.push({ type: "text", name: "added" });
    (v2.pages[0]!.elements[1]!["choices"] as unknown[]).push("new");
    expect(breakingChanges(v1, v2)).toEqual([]);
  });

  it("tells a rename (same title or same place) from a removal", () => {
    const v2 = clone();
    v2.pages[0]!.elements[2]!["name"] = "staff_count"; // same title
    v2.pages[0]!.elements[4]!["name"] = "comments"; // same place, no title
    (v2.pages[0]!.elements[5]!["templateElements"] as Record<string, unknown>[])[0]!["name"] = "amount";
    v2.pages[0]!.elements.splice(3, 1); // areas removed
    const changes = breakingChanges(v1, v2);
    expect(changes.map((c) => [c.kind, c.field.key.join("/"), "to" in c ? c.to.key.join("/") : ""])).toEqual([
      ["renamed", "staff", "staff_count"],
      ["removed", "areas", ""],
      ["renamed", "notes", "comments"],
      ["renamed", "projects/budget", "projects/amount"],
    ]);
  });

  it("reports type changes (compatible or not) and removed choice values", () => {
    const v2 = clone();
    v2.pages[0]!.elements[1]!["type"] = "dropdown";
    v2.pages[0]!.elements[1]!["choices"] = ["health", "other"];
    v2.pages[0]!.elements[3]!["type"] = "radiogroup";
    const changes = breakingChanges(v1, v2);
    expect(changes).toEqual([
      expect.objectContaining({ kind: "typeChanged", compatible: true, field: expect.objectContaining({ key: ["sector"] }) }),
      expect.objectContaining({ kind: "choicesRemoved", values: ["edu"] }),
      expect.objectContaining({ kind: "typeChanged", compatible: false, field: expect.objectContaining({ key: ["areas"] }) }),
    ]);
  });

  it("counts the responses that hold an affected answer", () => {
    const v2 = clone();
    v2.pages[0]!.elements[1]!["choices"] = ["health", "other"];
    (v2.pages[0]!.elements[5]!["templateElements"] as Record<string, unknown>[])[0]!["name"] = "amount";
    v2.pages[0]!.elements[6]!["columns"] = [{ name: "task", cellType: "text" }];
    const changes = breakingChanges(v1, v2);
    expect(changes.map((c) => c.kind)).toEqual(["choicesRemoved", "renamed", "removed"]);
    const responses = [
      { data: { sector: "edu" } },
      { data: { sector: "health", projects: [{ budget: 3 }] } },
      { data: { plan: [{ task: "x" }, { when: "2025" }] } },
      { data: { staff: 4, projects: [{}] } },
      { data: {} },
    ];
    expect(countAffected(changes, responses)).toEqual({ perChange: [1, 1, 1], total: 3 });
  });
});
