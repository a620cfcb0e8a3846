import { describe, expect, it } from "vitest";
import { breakingChanges, countAffected, dataFields } from "../../src/definition/breaking.ts";

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

  it("reads the answer tree: data keys, one field per matrix column, built-in items and rating ranges", () => {
    const before = {
      pages: [
        {
          elements: [
            { type: "panel", name: "box", elements: [{ type: "text", name: "full_name", valueName: "name" }] },
            { type: "matrixdropdown", name: "grid", rows: ["r1", "r2", "r3"], columns: [{ name: "a", cellType: "text" }, { name: "b", cellType: "text" }] },
            { type: "radiogroup", name: "role", choices: ["x", "y"], showOtherItem: true },
            { type: "rating", name: "score", rateMax: 5 },
          ],
        },
      ],
    };
    expect(dataFields(before).map((f) => f.key.join("/"))).toEqual(["name", "grid", "grid/a", "grid/b", "role", "score"]);
    const after = structuredClone(before);
    const [, grid, role, score] = after.pages[0]!.elements as Record<string, unknown>[];
    grid!["columns"] = [{ name: "a", cellType: "text" }];
    role!["showOtherItem"] = false;
    score!["rateMax"] = 4;
    expect(breakingChanges(before, after).map((c) => [c.kind, c.field.key.join("/"), c.kind === "choicesRemoved" ? c.values.join(",") : ""])).toEqual([
      ["removed", "grid/b", ""],
      ["choicesRemoved", "role", "other"],
      ["choicesRemoved", "score", "5"],
    ]);
    expect(countAffected(breakingChanges(before, after), [{ data: { grid: { r1: { b: "1" }, r3: { b: "2" } } } }, { data: { role: "other", score: 3 } }])).toEqual({ perChange: [1, 1, 0], total: 2 });
  });
});
