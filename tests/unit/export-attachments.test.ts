import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { attachmentPaths, collectAttachments, dataUrlBytes } from "../../src/export/attachments.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { runExportJob, type ExportJobMessage } from "../../src/export/export-job.ts";
import type { ExportDefinition, ExportRecord } from "../../src/export/types.ts";

const definition: ExportDefinition = {
  surveyId: "files",
  version: 1,
  json: {
    id: "files",
    version: 1,
    languages: ["en"],
    components: [
      { name: "country", questionJSON: { type: "dropdown", choices: ["mda", "mar"] } },
      { name: "fullname", elementsJSON: [{ type: "text", name: "first" }, { type: "text", name: "last" }] },
    ],
    elements: [
      { type: "file", name: "report", allowMultiple: true },
      { type: "signaturepad", name: "sig" },
      { type: "buttongroup", name: "freq", choices: [{ value: "w", text: "Weekly" }, { value: "m", text: "Monthly" }] },
      { type: "imagemap", name: "zones", multiSelect: true, areas: [{ value: "n", text: "North" }, { value: "s", text: "South" }] },
      { type: "imagepicker", name: "pic", choices: [{ value: "lion", imageLink: "x.png" }] },
      { type: "slider", name: "range", sliderType: "range" },
      { type: "country", name: "home" },
      { type: "fullname", name: "focal" },
      { type: "paneldynamic", name: "visits", templateElements: [{ type: "file", name: "photo" }] },
    ],
  },
};

const record: ExportRecord = {
  id: "r1",
  surveyId: "files",
  surveyVersion: 1,
  status: "completed",
  language: "en",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  completedAt: "2026-01-01T00:00:00.000Z",
  data: {
    report: [
      { name: "plan.pdf", type: "application/pdf", content: "studio-file:a" },
      { name: "plan.pdf", type: "application/pdf", content: "studio-file:b" },
    ],
    sig: "studio-file:c",
    freq: "m",
    zones: ["n", "s"],
    pic: "lion",
    range: [10, 40],
    home: "mar",
    focal: { first: "Amina", last: "Haddad" },
    visits: [{ photo: [{ name: "site.png", type: "image/png", content: "data:image/png;base64,iVBORw0K" }] }],
  },
};

describe("files given as answers in the export", () => {
  it("writes file names in the CSV, never references or data URLs; new types get their columns", () => {
    const [main] = csvExportToStrings(createCsvExport({ surveyId: "files", definitions: [definition], records: [record] }, { bom: false, lineEnding: "lf", multi: "columns" }));
    const [header, row] = main!.text.trim().split("\n");
    const cells = Object.fromEntries(header!.split(",").map((h, i) => [h, row!.split(",")[i]]));
    expect(cells).toMatchObject({
      report: "plan.pdf;plan.pdf",
      sig: "sig.png",
      freq: "m",
      "zones/n": "1",
      "zones/s": "1",
      pic: "lion",
      range: "10;40",
      home: "mar",
      "focal/first": "Amina",
      "focal/last": "Haddad",
      "visits/1/photo": "site.png",
    });
    expect(main!.text).not.toMatch(/studio-file|base64/);
  });

  it("finds every file with where it is, and gives each a unique path in the ZIP", () => {
    const list = collectAttachments(record);
    expect(list.map((a) => [a.path.join("/"), a.name, a.source.slice(0, 12)])).toEqual([
      ["report", "plan.pdf", "studio-file:"],
      ["report", "plan.pdf", "studio-file:"],
      ["sig", "sig.png", "studio-file:"],
      ["visits/1/photo", "site.png", "data:image/p"],
    ]);
    expect(attachmentPaths(list)).toEqual(["files/r1/report/plan.pdf", "files/r1/report/plan (2).pdf", "files/r1/sig/sig.png", "files/r1/visits/1/photo/site.png"]);
    expect(attachmentPaths([{ response: "../x", path: ["a/b"], name: "..", source: "" }])).toEqual(["files/.._x/a_b/_"]);
    expect([...dataUrlBytes("data:text/plain,h%C3%A9")]).toEqual([104, 195, 169]);
  });

  it("with the option files, puts the CSVs and every file in one ZIP; a file no longer stored is counted", async () => {
    const stored: Record<string, string> = { "studio-file:a": "PDF-A", "studio-file:c": "PNG-C" };
    const messages: ExportJobMessage[] = [];
    await runExportJob(
      { type: "start", input: { surveyId: "files", definitions: [definition], records: [record] }, options: { files: true }, zipTime: Date.UTC(2026, 0, 1) },
      (m) => messages.push(m),
      () => false,
      async () => undefined,
      async (ref) => (stored[ref] ? { blob: new Blob([stored[ref]!]) } : undefined),
    );
    const done = messages.at(-1);
    if (done?.type !== "done") throw new Error(JSON.stringify(done));
    expect(done.files.map((f) => f.name)).toEqual(["files.zip"]);
    const zip = unzipSync(new Uint8Array(await done.files[0]!.blob.arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual(["files-codebook.csv", "files.csv", "files/r1/report/plan.pdf", "files/r1/sig/sig.png", "files/r1/visits/1/photo/site.png"]);
    expect(new TextDecoder().decode(zip["files/r1/report/plan.pdf"])).toBe("PDF-A");
    expect([...zip["files/r1/visits/1/photo/site.png"]!.slice(0, 4)]).toEqual([137, 80, 78, 71]);
    expect(done.summary.attachments).toEqual({ included: 3, missing: 1 });
  });
});
