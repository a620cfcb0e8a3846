import { readFileSync } from "node:fs";
import { createEffect, createRoot } from "solid-js";
import { expect, it } from "vitest";
import { parseSurveyFile, surveyFileToDefinition } from "../../src/schema/survey-file.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import * as v from "../../src/survey/view.ts";

// Some survey-core getters cache derived state by writing properties while they are read.
// A tracked read must never re-run itself because of that (it would freeze the page).
it("no view read re-runs itself, for every question type", () => {
  const parsed = parseSurveyFile(readFileSync("tests/fixtures/surveys-extra/all-question-types.json", "utf8"), "all-question-types.json");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const s = createSurveySession({ definition: surveyFileToDefinition(parsed.file) });
  const reads = Object.entries(v).filter((e): e is [string, (x: unknown) => unknown] => typeof e[1] === "function" && e[1].length === 1);
  const rerun: string[] = [];
  /** Element type → the reads that worked on it (a read for another type throws, and proves nothing). */
  const worked = new Map<string, Set<string>>();
  const types = new Set<string>();
  for (const page of s.pages()) {
    for (const el of v.elementsOf(page)) {
      const type = v.elementType(el);
      types.add(type);
      for (const [name, read] of reads) {
        let runs = 0;
        const dispose = createRoot((d) => {
          createEffect(() => {
            runs++;
            if (runs > 5) return;
            try {
              read(el);
              worked.set(type, (worked.get(type) ?? new Set()).add(name));
            } catch {
              // a read that does not apply to this element type
            }
          });
          return d;
        });
        dispose();
        if (runs > 1) rerun.push(`${name}(${type}) ran ${runs} times`);
      }
    }
  }
  expect(rerun).toEqual([]);
  // Every question type of the fixture was read, by the reads for any element at least.
  const anyElement = ["elementKey", "isVisible", "title", "description", "isRequired", "errors"].filter((n) => reads.some(([name]) => name === n));
  expect(anyElement.length).toBeGreaterThanOrEqual(4);
  expect(types.size).toBeGreaterThan(15);
  expect([...worked.keys()].sort()).toEqual([...types].sort());
  for (const [type, names] of worked) expect([...names], type).toEqual(expect.arrayContaining(anyElement));
});
