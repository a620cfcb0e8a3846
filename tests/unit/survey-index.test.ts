import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { indexSurveyFiles } from "../../scripts/survey-files-plugin.ts";

const read = (fileName: string) => ({ fileName, text: readFileSync(fileName, "utf8") });

describe("the build's index of survey files", () => {
  it("refuses a file with lint errors (duplicate question names), says why, and keeps the good ones", async () => {
    const warnings: string[] = [];
    const index = await indexSurveyFiles([read("surveys/gfmd-workshop-feedback.json"), read("tests/fixtures/surveys-broken/duplicate-names.json")], (m) => warnings.push(m));
    expect(index[0]).toMatchObject({ id: "gfmd-workshop-feedback", version: 1 });
    expect(index[0]?.problems).toBeUndefined();
    expect(index[1]).toMatchObject({ id: "duplicate-names", problems: [expect.objectContaining({ path: "pages[0].elements[1]", severity: "error", message: 'The name "contact" is duplicated.', line: 12 })] });
    expect(warnings).toEqual([expect.stringMatching(/^tests\/fixtures\/surveys-broken\/duplicate-names\.json is refused \(1 error; npm run lint:surveys .*\): The name "contact" is duplicated\.$/)]);
  });

  it("a second file with an id already used is refused; a file that is not JSON too", async () => {
    const good = read("surveys/gfmd-workshop-feedback.json");
    const index = await indexSurveyFiles([good, { fileName: "surveys/copy.json", text: good.text }, { fileName: "surveys/bad.json", text: "{ nope" }]);
    expect(index[1]?.problems).toEqual([expect.objectContaining({ path: "id", message: 'the survey id "gfmd-workshop-feedback" is already used by surveys/gfmd-workshop-feedback.json' })]);
    expect(index[2]).toMatchObject({ syntaxError: expect.any(String), problems: [expect.objectContaining({ source: "json" })] });
  });
});
