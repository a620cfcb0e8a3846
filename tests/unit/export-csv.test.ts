import { unzipSync } from "fflate";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { toSafeName } from "../../src/export/columns.ts";
import { parseCsv } from "../../src/export/csv-reader.ts";
import { CsvEncoder, needsNeutralizing, unneutralize } from "../../src/export/csv-writer.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { planExport } from "../../src/export/plan.ts";
import type { ExportOptions, ExportRecord } from "../../src/export/types.ts";
import { zipTextFiles } from "../../src/export/zip.ts";
import { definition, KITCHEN_SINK, KITCHEN_SINK_NAMES, record } from "./export-fixtures.ts";

const defs = [definition(KITCHEN_SINK)];

function exportKitchen(records: ExportRecord[], options?: Partial<ExportOptions>) {
  const exp = createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records }, options);
  const files = csvExportToStrings(exp);
  const main = parseCsv(files[0]?.text ?? "").rows;
  return { exp, files, header: main[0] ?? [], rows: main.slice(1) };
}

/** The first data row as header → cell. */
function firstRow(records: ExportRecord[], options?: Partial<ExportOptions>): Record<string, string> {
  const { header, rows } = exportKitchen(records, options);
  return Object.fromEntries(header.map((h, i) => [h, rows[0]?.[i] ?? ""]));
}

describe("CsvEncoder", () => {
  const enc = () => new CsvEncoder({ delimiter: ",", lineEnding: "\r\n", neutralize: true });

  it("quotes only fields that need it and doubles quotes", () => {
    const e = enc();
    expect(e.row(["plain", 'say "hi"', "a,b", "two\nlines", "cr\rhere", "", undefined, null])).toBe(
      'plain,"say ""hi""","a,b","two\nlines","cr\rhere",,,\r\n',
    );
    expect(new CsvEncoder({ delimiter: ";", lineEnding: "\r\n", neutralize: true }).row(["a,b", "a;b"])).toBe('a,b;"a;b"\r\n');
    expect(new CsvEncoder({ delimiter: "\t", lineEnding: "\n", neutralize: true }).row(["a,b", "a\tb"])).toBe('a,b\t"a\tb"\n');
  });

  it("writes numbers and booleans as they are, never neutralized", () => {
    const e = enc();
    expect(e.row([-5, 3.2, 0, true, false, Number.NaN])).toBe("-5,3.2,0,true,false,\r\n");
    expect(e.neutralized).toBe(0);
  });

  it("neutralizes text a spreadsheet would run as a formula and counts it", () => {
    const e = enc();
    expect(e.row(["=1+1", "+33 1 23", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "it's", "a=b"])).toBe(
      `'=1+1,'+33 1 23,'-x,'@SUM(A1),'\tx,"'\rx",''=x,it's,a=b\r\n`,
    );
    expect(e.neutralized).toBe(7);
  });

  it("neutralizes formula starters after blanks, full-width starters and line breaks; never plain numbers", () => {
    const e = enc();
    const cells = [" =1+1", "\u00a0=1", "\u3000=1", "\ufeff=1", "\n=1", "\nplain", "\uff1d1+1", "\uff0bx", "\uff0dx", "\uff20x", "\u200b@x", "'\u3000=1"];
    expect(e.row(cells)).toBe(
      [`' =1+1`, "'\u00a0=1", "'\u3000=1", "'\ufeff=1", `"'\n=1"`, `"'\nplain"`, "'\uff1d1+1", "'\uff0bx", "'\uff0dx", "'\uff20x", "'\u200b@x", "''\u3000=1"].join(",") + "\r\n",
    );
    expect(e.neutralized).toBe(cells.length);
    const plain = ["-5", "+1", "-1.5", "-.5", "1e-3", "-2E+4", "-1,5", "'-5", " x", "a-b", "\u00a0x", "-"];
    const e2 = enc();
    expect(e2.row(plain)).toBe(plain.map((c) => (c.includes(",") ? `"${c}"` : c === "-" ? "'-" : c)).join(",") + "\r\n");
    expect(e2.neutralized).toBe(1);
  });

  it("leaves text alone when neutralization is off", () => {
    const e = new CsvEncoder({ delimiter: ",", lineEnding: "\r\n", neutralize: false });
    expect(e.row(["=1+1", "-5"])).toBe("=1+1,-5\r\n");
    expect(e.neutralized).toBe(0);
  });

  it("undoes neutralization exactly", () => {
    for (const s of ["=x", "'=x", "''@", "plain", "'plain", "-", "'", "", "-5", "'-5", "' =x", "\u3000=x", "'\n"]) {
      const written = needsNeutralizing(s) ? `'${s}` : s;
      expect(unneutralize(written)).toBe(s);
    }
  });

  it("counts cells longer than Excel allows", () => {
    const e = enc();
    e.row(["x".repeat(40_000), "short"]);
    expect(e.longCells).toBe(1);
  });
});

describe("column plan", () => {
  it("names columns in definition order (questions by their own names), then the metadata", () => {
    const { header } = exportKitchen([
      record({ plans: [{ plan: "a" }, { plan: "b" }], inits: [{ init_title: "t" }] }),
    ]);
    expect(header).toEqual(KITCHEN_SINK_NAMES);
  });

  it("gives one 1/0 column per choice with multi = columns, blank when not answered", () => {
    const { header, rows } = exportKitchen([record({ areas: ["health", "none"], inits: [{ init_kinds: ["x"] }] }), record({ respondent: "x" })], {
      multi: "columns",
    });
    const areaCols = header.filter((h) => h.startsWith("areas/"));
    expect(areaCols).toEqual(["areas/health", "areas/education", "areas/labour", "areas/none", "areas/other"]);
    const at = (h: string) => header.indexOf(h);
    expect([rows[0]?.[at("areas/health")], rows[0]?.[at("areas/education")], rows[0]?.[at("areas/none")]]).toEqual(["1", "0", "1"]);
    expect(rows[1]?.[at("areas/health")]).toBe("");
    // Checkbox cells inside a matrix stay one joined column; so do ranking and tagbox-in-matrix.
    expect(header).toContain("act/data/lead");
    expect(header).toContain("prio");
    expect(header).toContain("inits/1/init_kinds/x");
  });

  it("makes every name a syntactic R name with separator _ or .", () => {
    const rName = /^(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/;
    for (const separator of ["_", "."] as const) {
      const { header } = exportKitchen([record({ plans: [{}, {}], inits: [{}] })], { separator, multi: "columns" });
      for (const h of header) expect(h, `${separator}: ${h}`).toMatch(rName);
      expect(new Set(header).size).toBe(header.length);
      expect(header).toContain(`act${separator}data${separator}lead${separator}other`);
    }
    expect(toSafeName("1st q/é-x", ".")).toBe("X1st_q_é_x");
    expect(toSafeName("if", "_")).toBe("if_");
  });

  it("writes titles and labels in the chosen language, falling back to the default text", () => {
    const row = firstRow([record({ respondent: "Ana", role: "staff", areas: ["labour", "health"], consent: "Y", grid: { r2: 2 } })], {
      headers: "titles",
      values: "labels",
      language: "fr",
    });
    expect(row["Nom complet"]).toBe("Ana");
    expect(row["Fonction"]).toBe("Personnel");
    expect(row["Areas"]).toBe("Travail;health");
    expect(row["Consent"]).toBe("D'accord");
    expect(row["grid / Row two"]).toBe("Two");
    expect(row["response_id"]).toMatch(/^00000000-/);
  });

  it("writes codes by default: numbers, booleans, joined arrays, other text, comments", () => {
    const row = firstRow([
      record({
        respondent: "=cmd|' /C calc'!A0",
        age: -5,
        role: "other",
        "role-Comment": "Volunteer, part-time",
        areas: ["health", "other"],
        "areas-Comment": "Transport",
        agencies: ["iom"],
        "agencies-Comment": "a note",
        country: "Mali",
        "country-Comment": "remote",
        consent: "N",
        score: 3,
        prio: ["c", "a", "b"],
        total: 2,
        attachment: [{ name: "report.pdf", type: "application/pdf", content: "data:..." }],
        act: { data: { active: true, lead: ["undp", "other"], "lead-Comment": "FAO", budget: "hi" } },
        contact: { phone: "+1 555", office: 12 },
      }),
    ]);
    expect(row["full_name"]).toBe("'=cmd|' /C calc'!A0");
    expect(row["age"]).toBe("-5");
    expect(row["role"]).toBe("other");
    expect(row["role/other"]).toBe("Volunteer, part-time");
    expect(row["areas"]).toBe("health;other");
    expect(row["areas/other"]).toBe("Transport");
    expect(row["agencies/comment"]).toBe("a note");
    // showOtherItem + showCommentArea: survey-core keeps the "other" text in the value itself.
    expect(row["country"]).toBe("other");
    expect(row["country/other"]).toBe("Mali");
    expect(row["country/comment"]).toBe("remote");
    expect(row["consent"]).toBe("N");
    expect(row["prio"]).toBe("c;a;b");
    expect(row["attachment"]).toBe("report.pdf");
    expect(row["act/data/active"]).toBe("true");
    expect(row["act/data/lead"]).toBe("undp;other");
    expect(row["act/data/lead/other"]).toBe("FAO");
    expect(row["contact/phone"]).toBe("'+1 555");
    expect(row["contact/office"]).toBe("12");
  });

  it("matches what survey-core 3.1.1 stores", () => {
    const model = new Model(KITCHEN_SINK);
    const q = (name: string) => {
      const found = model.getQuestionByName(name);
      if (!found) throw new Error(`no question ${name}`);
      return found;
    };
    q("full_name").value = "Ana";
    q("role").value = "other";
    q("role").comment = "Volunteer";
    q("areas").value = ["education", "other"];
    q("areas").comment = "Transport";
    q("country").value = "other";
    (q("country") as unknown as { otherValue: string }).otherValue = "Mali";
    q("country").comment = "remote";
    q("consent").value = "Y";
    q("grid").value = { r1: 1 };
    q("plans").value = [{ plan: "p1", q: "q2" }, { plan: "p2" }];
    q("inits").value = [{ init_title: "first", init_kinds: ["y"] }];
    q("contact").value = { phone: "555" };
    const row = firstRow([record(model.data as Record<string, unknown>)]);
    expect(row["full_name"]).toBe("Ana");
    expect(row["role"]).toBe("other");
    expect(row["role/other"]).toBe("Volunteer");
    expect(row["areas"]).toBe("education;other");
    expect(row["areas/other"]).toBe("Transport");
    expect(row["country"]).toBe("other");
    expect(row["country/other"]).toBe("Mali");
    expect(row["country/comment"]).toBe("remote");
    expect(row["consent"]).toBe("Y");
    expect(row["total"]).toBe("2");
    expect(row["grid/r1"]).toBe("1");
    expect([row["plans/1/plan"], row["plans/1/q"], row["plans/2/plan"]]).toEqual(["p1", "q2", "p2"]);
    expect(row["inits/1/init_kinds"]).toBe("y");
    expect(row["contact/phone"]).toBe("555");
  });

  it("exports only completed responses of the survey by default, oldest first", () => {
    const late = record({ respondent: "late" }, { createdAt: "2026-05-01T00:00:00.000Z" });
    const early = record({ respondent: "early" }, { createdAt: "2026-02-01T00:00:00.000Z" });
    const draft = record({ respondent: "draft" }, { status: "draft", completedAt: null, createdAt: "2026-06-01T00:00:00.000Z" });
    const other = record({ respondent: "other survey" }, { surveyId: "another" });
    const { exp, rows, header } = exportKitchen([late, draft, other, early]);
    expect(rows.map((r) => r[0])).toEqual(["early", "late"]);
    expect(exp.summary.skippedDrafts).toBe(1);
    const withDrafts = exportKitchen([late, draft, early], { includeDrafts: true });
    expect(withDrafts.rows.map((r) => r[0])).toEqual(["early", "late", "draft"]);
    const completedAt = header.indexOf("completed_at");
    expect(withDrafts.rows[2]?.[completedAt]).toBe("");
    expect(rows[0]?.[header.indexOf("created_at")]).toBe("2026-02-01T00:00:00.000Z");
  });

  it("adds columns for keys and codes no definition knows, with warnings", () => {
    const { header, exp } = exportKitchen([record({ legacy_q: { a: 1 }, areas: ["retired_code"], "notes-Comment": "c" })], { multi: "columns" });
    expect(header).toContain("legacy_q");
    expect(header).toContain("areas/retired_code");
    expect(header).toContain("notes/comment");
    expect(exp.summary.warnings.map((w) => w.subject)).toEqual(expect.arrayContaining(["legacy_q", "areas/retired_code", "notes-Comment"]));
    const row = firstRow([record({ legacy_q: { a: 1 } })]);
    expect(row["legacy_q"]).toBe('{"a":1}');
  });

  it("merges versions: new questions at their place, removed ones kept after their predecessor", () => {
    const v1 = { id: "s", version: 1, languages: ["en"], title: "S", pages: [{ elements: [
      { type: "text", name: "a" },
      { type: "text", name: "gone" },
      { type: "radiogroup", name: "b", choices: ["x", "old"] },
    ] }] };
    const v2 = { id: "s", version: 2, languages: ["en"], title: "S", pages: [{ elements: [
      { type: "text", name: "new_first" },
      { type: "text", name: "a" },
      { type: "radiogroup", name: "b", choices: ["x", "y"] },
      { type: "text", name: "c" },
    ] }] };
    const v3 = { ...v2, version: 3, pages: [{ elements: [{ type: "text", name: "only_in_v3" }] }] };
    const records = [
      record({ a: "1", gone: "g" }, { surveyId: "s", surveyVersion: 1 }),
      record({ a: "2", c: "c" }, { surveyId: "s", surveyVersion: 2 }),
      record({ a: "3" }, { surveyId: "s", surveyVersion: 4 }),
    ];
    const plan = planExport({ surveyId: "s", definitions: [definition(v1), definition(v2), definition(v3)], records });
    expect(plan.versions).toEqual([2, 1]);
    expect(plan.tables[0]?.columns.map((c) => c.name)).toEqual(["new_first", "a", "gone", "b", "c"]);
    const b = plan.tables[0]?.columns.find((c) => c.name === "b")?.node;
    expect(b?.kind === "value" ? b.choices.map((c) => c.code) : []).toEqual(["x", "old", "y"]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["missing-definition"]);
    // No responses: the newest definition alone.
    expect(planExport({ surveyId: "s", definitions: [definition(v1), definition(v3)], records: [] }).tables[0]?.columns.map((c) => c.name)).toEqual(["only_in_v3"]);
  });

  it("throws a clear error when there is no definition", () => {
    expect(() => planExport({ surveyId: "nope", definitions: defs, records: [] })).toThrow(/no definition of the survey "nope"/);
  });
});

describe("options and files", () => {
  it("honours BOM, delimiter and line ending options", () => {
    const recs = [record({ respondent: "a;b,c" })];
    const withBom = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records: recs }))[0]?.text ?? "";
    expect(withBom.startsWith("\uFEFFfull_name,")).toBe(true);
    expect(withBom).toContain("\r\n");
    const plain = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records: recs }, { bom: false, delimiter: "semicolon", lineEnding: "lf" }))[0]?.text ?? "";
    expect(plain.startsWith("full_name;age;")).toBe(true);
    expect(plain).not.toContain("\r");
    expect(plain).toContain('"a;b,c";');
  });

  it("writes repeats as their own files keyed by response_id and index, zipped together", () => {
    const nested = {
      id: "nest",
      version: 1,
      languages: ["en"],
      title: "N",
      pages: [{ elements: [
        { type: "text", name: "name" },
        { type: "paneldynamic", name: "sites", templateElements: [
          { type: "text", name: "site" },
          { type: "matrixdynamic", name: "visits", columns: [{ name: "day", cellType: "text" }] },
        ] },
      ] }],
    };
    const r = record({ name: "n", sites: [{ site: "A", visits: [{ day: "mon" }, { day: "tue" }] }, { site: "B" }] }, { surveyId: "nest", surveyVersion: 1 });
    const exp = createCsvExport({ surveyId: "nest", definitions: [definition(nested)], records: [r] }, { repeats: "files" });
    const files = csvExportToStrings(exp);
    expect(files.map((f) => f.name)).toEqual(["nest.csv", "nest-sites.csv", "nest-sites-visits.csv", "nest-codebook.csv"]);
    const rows = (i: number) => parseCsv(files[i]?.text ?? "").rows;
    expect(rows(0)[0]?.slice(0, 2)).toEqual(["name", "sites"]);
    expect(rows(0)[1]?.slice(0, 2)).toEqual(["n", "2"]);
    expect(rows(1)).toEqual([
      ["response_id", "index", "site", "visits"],
      [r.id, "1", "A", "2"],
      [r.id, "2", "B", ""],
    ]);
    expect(rows(2)).toEqual([
      ["response_id", "sites/index", "index", "day"],
      [r.id, "1", "1", "mon"],
      [r.id, "1", "2", "tue"],
    ]);
    const zip = unzipSync(zipTextFiles(exp.files, { mtime: new Date(Date.UTC(2026, 0, 1)) }));
    expect(Object.keys(zip)).toEqual(files.map((f) => f.name));
    expect(Buffer.from(zip["nest-sites.csv"] as Uint8Array).toString("utf8")).toBe(files[1]?.text);
    expect(exp.progress).toEqual({ done: 3, total: 3 });
  });

  it("describes every column in the codebook, in every language", () => {
    const { files } = exportKitchen([record({})], { multi: "columns" });
    const codebook = parseCsv(files[1]?.text ?? "").rows;
    expect(codebook[0]).toEqual(["column", "question", "name_parts", "type", "text_en", "text_fr", "text_ar", "codes_en", "codes_fr", "codes_ar", "notes"]);
    const byName = new Map(codebook.slice(1).map((r) => [r[0], r]));
    const main = parseCsv(files[0]?.text ?? "").rows[0] ?? [];
    expect([...byName.keys()]).toEqual(main);
    expect(byName.get("role")?.slice(1, 10)).toEqual([
      "role",
      "question",
      "radiogroup",
      "Role",
      "Fonction",
      "الوظيفة",
      "staff=Staff; manager=Manager; 7; other=Other (describe)",
      "staff=Personnel; manager=Gestionnaire; 7; other=Autre (préciser)",
      "staff=موظف; manager=Manager; 7; other=نص آخر",
    ]);
    expect(byName.get("areas/labour")?.[7]).toBe("1=Labour; 0=not selected");
    expect(byName.get("act/law/budget")?.[2]).toBe("question/row/column");
    expect(byName.get("score")?.[7]).toBe("1=Low; 2; 3=High");
    expect(byName.get("consent")?.[7]).toBe("Y=Agree; N=No");
  });
});
