import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import { summarize, type QuestionSummary } from "../../src/export/summarize.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { definition, KITCHEN_SINK, record } from "./export-fixtures.ts";

const defs = [definition(KITCHEN_SINK)];

function byKey(questions: QuestionSummary[]): Map<string, QuestionSummary> {
  return new Map(questions.map((q) => [q.key, q]));
}

describe("summarize", () => {
  const records = [
    record({ role: "staff", areas: ["health", "education"], age: 30, score: 3, grid: { r1: 1, r2: 2 }, notes: "first", prio: ["b", "a", "c"] }),
    record({ role: "manager", areas: ["health"], age: 40, score: 1, grid: { r1: 1 }, notes: "second", prio: ["b", "c", "a"] }),
    record({ role: "other", "role-Comment": "Volunteer", age: 50, notes: "second", plans: [{ plan: "x", q: "q1" }, { plan: "y", q: "q1" }] }),
    record({ role: "staff", areas: ["none"] }, { status: "draft", completedAt: null }),
  ];

  it("counts choices with percentages of those who answered, and the other texts", () => {
    const s = byKey(summarize(defs, records).questions);
    const role = s.get("role");
    expect(role?.kind === "choice" && role.options.map((o) => [o.code, o.count, o.percent])).toEqual([
      ["staff", 1, 33.3],
      ["manager", 1, 33.3],
      ["7", 0, 0],
      ["other", 1, 33.3],
    ]);
    expect(role?.kind === "choice" && role.other).toEqual({ count: 1, sample: ["Volunteer"] });
    const areas = s.get("areas");
    expect(areas).toMatchObject({ kind: "choice", multiple: true, answered: 2, total: 3 });
    expect(areas?.kind === "choice" && areas.options.find((o) => o.code === "health")?.percent).toBe(100);
  });

  it("describes numbers and ratings, matrices, rankings, text and repeats", () => {
    const s = byKey(summarize(defs, records).questions);
    expect(s.get("age")).toMatchObject({ kind: "numeric", min: 30, max: 50, median: 40, mean: 40, answered: 3 });
    const score = s.get("score");
    expect(score?.kind === "numeric" && score.bins.map((b) => [b.from, b.count])).toEqual([
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
    expect(s.get("grid")).toMatchObject({ kind: "matrix", answered: 2, counts: [[2, 0], [0, 1]] });
    const prio = s.get("prio");
    expect(prio?.kind === "ranking" && prio.items.map((i) => [i.code, i.meanRank, i.firstCount])).toEqual([
      ["b", 1, 2],
      ["a", 2.5, 0],
      ["c", 2.5, 0],
    ]);
    expect(s.get("notes")).toMatchObject({ kind: "text", answered: 3, distinct: 2, sample: ["second", "first"] });
    expect(s.get("plans")).toMatchObject({ kind: "numeric", answered: 1, max: 2 });
    const q = s.get("plans/q");
    expect(q?.kind === "choice" && q.options.map((o) => o.count)).toEqual([2, 0]);
  });

  it("filters by a choice question and can include drafts", () => {
    expect(summarize(defs, records, { filters: [{ question: "role", values: ["staff"] }] }).responses).toBe(1);
    expect(summarize(defs, records, { filters: [{ question: "areas", values: ["education", "none"] }], includeDrafts: true }).responses).toBe(2);
  });

  it("summarizes every question of the capacity survey", () => {
    const text = readFileSync(resolve(import.meta.dirname, "../../surveys/unct-migration-capacity.json"), "utf8");
    const parsed = parseSurveyFile(text, "capacity.json");
    if (!parsed.ok) throw new Error("does not parse");
    const recs = generateResponses(parsed.file, { count: 200, seed: 3 });
    const summary = summarize(surveyFileToExportDefinition(parsed.file), recs);
    const s = byKey(summary.questions);
    expect(summary.responses).toBe(recs.filter((r) => r.status === "completed").length);
    expect(s.get("country")?.kind).toBe("choice");
    expect(s.get("support_structures")?.kind).toBe("matrix");
    expect(s.get("act_area/lead_agencies")?.kind).toBe("matrix");
    expect(s.get("cap_data")?.kind).toBe("numeric");
    expect(s.get("support_rank")?.kind).toBe("ranking");
    expect(s.get("initiatives/init_lead")?.kind).toBe("choice");
    expect(s.get("suggestions")?.kind).toBe("text");
    const cap = s.get("cap_data");
    expect(cap?.kind === "numeric" && cap.bins.reduce((n, b) => n + b.count, 0)).toBe(cap?.answered);
  });
});
