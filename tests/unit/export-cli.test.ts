import { unzipSync } from "fflate";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { parseCsv } from "../../src/export/csv-reader.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { argsToExportOptions, runCli, type CliIo } from "../../scripts/export-cli.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "export-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capacityText = readFileSync(join(ROOT, "surveys/unct-migration-capacity.json"), "utf8");
const capacity = (() => {
  const p = parseSurveyFile(capacityText, "capacity");
  if (!p.ok) throw new Error("does not parse");
  return p.file;
})();
const records = generateResponses(capacity, { count: 12, seed: 5 }).map((r, i) =>
  i === 0 ? { ...r, status: "completed" as const, completedAt: r.updatedAt, data: { ...r.data, role: "=SUM(1)" } } : r,
);
const responsesPath = join(dir, "responses.json");
writeFileSync(responsesPath, JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, responses: [...records, { ...records[0], id: "not-a-uuid" }] }));

function run(args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, root: ROOT };
  const code = runCli(args, io);
  if (typeof code !== "number") throw new Error("this command should not write asynchronously");
  return { code, out, err };
}

async function runAsync(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, root: ROOT };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe("npm run export", () => {
  it("writes the CSV and its codebook, and says what it did", () => {
    const r = run(["--survey", "unct-migration-capacity", "--in", "responses.json", "--out", "out/capacity.csv"]);
    expect(r.code).toBe(0);
    const completed = records.filter((x) => x.status === "completed").length;
    expect(r.err).toContain(`Exported ${completed} responses of "unct-migration-capacity" (version 1)`);
    expect(r.err).toMatch(/responses\.json:\d+: responses\[12\]\.id: record not exported/);
    expect(r.err).toContain("Wrote out/capacity.csv and out/capacity-codebook.csv");
    expect(r.err).toContain("1 cell starting with = + - @ was prefixed with '");
    const csv = readFileSync(join(dir, "out/capacity.csv"), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(",'=SUM(1),");
    const rows = parseCsv(csv).rows;
    expect(rows).toHaveLength(completed + 1);
    expect(rows[0]?.[0]).toBe("country");
    expect(existsSync(join(dir, "out/capacity-codebook.csv"))).toBe(true);
  });

  it("applies the options", () => {
    const r = run([
      "--survey=unct-migration-capacity",
      "--in=responses.json",
      "--out=-",
      "--headers", "titles",
      "--values", "labels",
      "--lang", "fr",
      "--delimiter", "semicolon",
      "--no-bom",
      "--drafts",
      "--multi", "columns",
      "--no-neutralize",
      "--lf",
    ]);
    expect(r.code).toBe(0);
    expect(r.out.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.out).not.toContain("\r\n");
    const rows = parseCsv(r.out).rows;
    expect(rows).toHaveLength(records.length + 1);
    const country = (capacity.pages![0]?.["elements"] as { name: string; title: Record<string, string> }[]).find((e) => e.name === "country");
    expect(rows[0]?.[0]).toBe(country?.title["fr"]);
    expect(rows[0]?.[0]).toMatch(/^Dans quel pays/);
    expect(r.out).toContain(";=SUM(1);");
  });

  it("writes one ZIP with every file when repeats are files", () => {
    const r = run(["--survey", "unct-migration-capacity", "--in", "responses.json", "--out", "capacity.zip", "--repeats", "files", "--separator", "_"]);
    expect(r.code).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, "capacity.zip"))));
    expect(Object.keys(zip)).toEqual(["unct-migration-capacity.csv", "unct-migration-capacity-initiatives.csv", "unct-migration-capacity-codebook.csv"]);
    const initiatives = parseCsv(Buffer.from(zip["unct-migration-capacity-initiatives.csv"] as Uint8Array).toString("utf8")).rows;
    expect(initiatives[0]).toEqual(["response_id", "index", "init_title", "init_lead", "init_lead_other", "init_start", "init_partners"]);
  });

  it("writes the label scripts next to the CSV, loading it by the name it was given", () => {
    const r = run(["--survey", "unct-migration-capacity", "--in", "responses.json", "--out", "labelled/cap.csv", "--scripts", "all", "--delimiter", "semicolon"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Wrote labelled/cap.csv, labelled/cap-codebook.csv, labelled/cap.R, labelled/cap.do, labelled/cap-spss.csv and labelled/cap.sps");
    expect(readFileSync(join(dir, "labelled/cap.R"), "utf8")).toContain('ss_read("cap.csv", ');
    expect(readFileSync(join(dir, "labelled/cap.R"), "utf8")).toContain('sep = ";", dec = ","');
    expect(readFileSync(join(dir, "labelled/cap.do"), "utf8")).toContain('import delimited using `"cap.csv"\'');
    expect(readFileSync(join(dir, "labelled/cap.sps"), "utf8")).toContain('/FILE="cap-spss.csv"');
    expect(readFileSync(join(dir, "labelled/cap.sps"), "utf8")).toContain("SET DECIMAL=COMMA.");
  });

  it("puts the scripts in the ZIP with repeats as files", () => {
    const r = run(["--survey", "unct-migration-capacity", "--in", "responses.json", "--out", "scripts.zip", "--repeats", "files", "--scripts", "r,spss"]);
    expect(r.code).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, "scripts.zip"))));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(["unct-migration-capacity.csv", "unct-migration-capacity-initiatives.csv", "unct-migration-capacity.R", "unct-migration-capacity.sps"]));
    expect(Object.keys(zip)).not.toContain("unct-migration-capacity.do");
  });

  it("writes an Excel workbook with --format xlsx", async () => {
    const r = await runAsync(["--survey", "unct-migration-capacity", "--in", "responses.json", "--out", "book/capacity.xlsx", "--format", "xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Wrote book/capacity.xlsx");
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, "book/capacity.xlsx"))));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"]));
  });

  it("uses a decimal comma with semicolons unless told otherwise, and refuses it with commas", () => {
    expect(argsToExportOptions(["--survey", "s", "--in", "i", "--out", "o", "--delimiter", "semicolon"]).export.decimalMark).toBe(",");
    expect(argsToExportOptions(["--survey", "s", "--in", "i", "--out", "o", "--delimiter", "semicolon", "--decimal", "point"]).export.decimalMark).toBe(".");
    expect(argsToExportOptions(["--survey", "s", "--in", "i", "--out", "o", "--delimiter", "tab", "--decimal", "comma"]).export.decimalMark).toBe(",");
    for (const args of [["--decimal", "comma"], ["--scripts", "sas"], ["--format", "xlsx", "--scripts", "r"], ["--out", "-", "--scripts", "r"]]) {
      const r = run(["--survey", "s", "--in", "i", "--out", "o", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
    }
  });

  it("reads every version in --surveys-dir", () => {
    const surveys = join(dir, "surveys");
    mkdirSync(surveys, { recursive: true });
    copyFileSync(join(ROOT, "surveys/unct-migration-capacity.json"), join(surveys, "capacity-v1.json"));
    const v2 = JSON.parse(capacityText) as { version: number; pages: { elements: unknown[] }[] };
    v2.version = 2;
    v2.pages[0]?.elements.push({ type: "text", name: "added_in_v2" });
    writeFileSync(join(surveys, "capacity-v2.json"), JSON.stringify(v2));
    const moved = records.map((x, i) => (i === 0 ? { ...x, surveyVersion: 2, status: "completed", data: { ...x.data, added_in_v2: "hello" } } : x));
    writeFileSync(join(dir, "two-versions.json"), JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, responses: moved }));
    const r = run(["--survey", "unct-migration-capacity", "--in", "two-versions.json", "--out", "-", "--surveys-dir", "surveys", "--no-codebook"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("(versions 1, 2)");
    const rows = parseCsv(r.out).rows;
    const at = rows[0]?.indexOf("added_in_v2") ?? -1;
    expect(at).toBeGreaterThan(rows[0]?.indexOf("email") ?? 0);
    expect(rows.some((row) => row[at] === "hello")).toBe(true);
  });

  it("fails with exit code 1 and a clear message on bad input", () => {
    const unknown = run(["--survey", "no-such-survey", "--in", "responses.json", "--out", "x.csv"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no survey file with the id "no-such-survey"');
    const missing = run(["--survey", "unct-migration-capacity", "--in", "missing.json", "--out", "x.csv"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^missing\.json: cannot read the file/);
    writeFileSync(join(dir, "broken.json"), '{"format": "survey-studio-responses", "formatVersion": 1, "responses": [}');
    const broken = run(["--survey", "unct-migration-capacity", "--in", "broken.json", "--out", "x.csv"]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^broken\.json:1:\d+: \(root\): error: JSON syntax error/);
    const strict = run(["--survey", "unct-migration-capacity", "--in", "responses.json", "--out", "x.csv", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain("1 invalid record(s)");
  });

  it("fails with exit code 2 on bad arguments, with the usage", () => {
    for (const args of [[], ["--survey", "x", "--in", "y"], ["--survey", "x", "--in", "y", "--out", "z", "--delimiter", "pipe"], ["--bogus"]]) {
      const r = run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toContain("Usage: npm run export");
    }
    expect(run(["--help"])).toMatchObject({ code: 0 });
    expect(argsToExportOptions(["--survey", "s", "--in", "i", "--out", "o", "--separator", "."]).export).toEqual({ separator: "." });
  });
});
