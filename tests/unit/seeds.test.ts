import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { definitionToTree, type QuestionNode } from "../../src/definition/answer-tree.ts";
import { responseProgress } from "../../src/schema/response-rules.ts";
import { responseRecordSchema, type ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";
import { runCli, argsToCliOptions, type CliIo } from "../../scripts/seed-cli.ts";
import {
  conditionToPredicate,
  createRng,
  DEFAULT_START,
  expressionToValue,
  generateDemoData,
  generateResponses,
  nextUuid,
  SPREAD_DAYS,
  surveyFileToCalculatedValues,
} from "../../src/seeds/generate.ts";

type JsonObject = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Test surveys
// ---------------------------------------------------------------------------------------------

const roleChoices = [
  { value: "staff", text: { default: "Staff", fr: "Personnel" } },
  { value: "manager", text: { default: "Manager", fr: "Gestionnaire" } },
  { value: "consultant", text: "Consultant" },
];

const kitchenSink = {
  id: "seed-kitchen-sink",
  version: 3,
  languages: ["en", "fr", "es", "ar"],
  title: { default: "Everything", fr: "Tout" },
  calculatedValues: [{ name: "score_mean", expression: "avg({score_a}, {score_b})" }],
  pages: [
    {
      name: "about",
      elements: [
        { type: "html", name: "intro", html: "<p>Hello</p>" },
        { type: "text", name: "full_name", valueName: "respondent_name", isRequired: true },
        { type: "text", name: "work_email", inputType: "email", isRequired: true },
        {
          type: "text",
          name: "age",
          inputType: "number",
          min: 0,
          max: 120,
          validators: [{ type: "numeric", minValue: 20, maxValue: 60 }],
          isRequired: true,
        },
        { type: "text", name: "joined", inputType: "date", min: "2020-01-01", max: "2020-12-31", isRequired: true },
        { type: "text", name: "left", inputType: "date", validators: [{ type: "expression", expression: "{joined} empty or {left} > {joined}" }] },
        { type: "text", name: "site", inputType: "url" },
        { type: "text", name: "phone", inputType: "tel" },
        { type: "radiogroup", name: "role", choices: roleChoices, showOtherItem: true, isRequired: true },
        { type: "text", name: "team_size", visibleIf: "{role} = 'manager'", inputType: "number" },
        { type: "dropdown", name: "country", choices: ["sen", "per", "lbn", 7], showNoneItem: true },
        { type: "boolean", name: "consent", isRequired: true },
        { type: "comment", name: "notes" },
        { type: "expression", name: "calc", expression: "{age} * 2" },
      ],
    },
    {
      name: "work",
      elements: [
        {
          type: "checkbox",
          name: "areas",
          choices: ["health", "education", { value: "water", text: "Water" }, "climate"],
          showNoneItem: true,
          showOtherItem: true,
          isRequired: true,
        },
        { type: "tagbox", name: "tags", choices: ["a", "b", "c"], maxSelectedChoices: 2 },
        { type: "rating", name: "score_a", isRequired: true },
        { type: "rating", name: "score_b", rateMin: 0, rateMax: 10, isRequired: true },
        { type: "rating", name: "stars", rateValues: [{ value: "low" }, { value: "mid" }, "high"] },
        { type: "text", name: "score_followup", visibleIf: "{score_mean} notempty", isRequired: true },
        { type: "ranking", name: "priorities", choices: ["p1", "p2", { value: "p3", text: "P3" }], isRequired: true },
        {
          type: "matrix",
          name: "agreement",
          rows: ["r1", { value: "r2", text: "Row 2" }, "r3"],
          columns: [1, 2, 3, { value: 4, text: "Strongly agree" }],
          isRequired: true,
        },
        {
          type: "matrixdropdown",
          name: "offices",
          rows: [{ value: "dakar", text: "Dakar" }, "lima", "beirut"],
          choices: ["m1", "m2"],
          isRequired: true,
          columns: [
            { name: "status", cellType: "dropdown", choices: ["open", "closed"] },
            { name: "mode" },
            { name: "services", cellType: "checkbox", choices: ["s1", "s2", "s3"] },
            { name: "remote", cellType: "boolean" },
            { name: "staff", cellType: "text", inputType: "number", min: 1, max: 9 },
            { name: "label", cellType: "text" },
            { name: "quality", cellType: "rating" },
            { name: "total", cellType: "expression", expression: "{row.staff} * 2" },
          ],
        },
        {
          type: "multipletext",
          name: "contact",
          items: [{ name: "office_phone", inputType: "tel" }, { name: "email", inputType: "email" }, { name: "city" }],
        },
        {
          type: "panel",
          name: "consent_panel",
          elements: [{ type: "comment", name: "consent_detail", visibleIf: "{consent} = true", isRequired: true }],
        },
        { type: "comment", name: "hidden_q", visible: false },
        { type: "text", name: "maybe", visibleIf: "age({joined}) > 3 or ({role} = 'staff')" },
      ],
    },
    {
      name: "team",
      elements: [
        {
          type: "matrixdynamic",
          name: "members",
          cellType: "text",
          columns: [
            { name: "member_name" },
            { name: "grade", cellType: "dropdown", choices: ["P2", "P3", "P4"] },
            { name: "since", inputType: "date" },
            { name: "note", cellType: "comment", visibleIf: "{row.grade} = 'P4'" },
          ],
        },
        {
          type: "paneldynamic",
          name: "projects",
          templateElements: [
            { type: "text", name: "project_title", isRequired: true },
            { type: "checkbox", name: "donors", choices: ["eu", "un", "gov"] },
            { type: "radiogroup", name: "phase", choices: ["design", "delivery"] },
            { type: "comment", name: "delivery_notes", visibleIf: "{panel.phase} = 'delivery'" },
            {
              type: "matrixdropdown",
              name: "budget",
              rows: ["y1", "y2"],
              columns: [{ name: "amount", cellType: "text", inputType: "number", min: 0, max: 1000000 }],
            },
          ],
        },
        { type: "comment", name: "closing", isRequired: true },
      ],
    },
  ],
};

const simpleSurvey = {
  id: "seed-simple",
  version: 1,
  languages: ["fr", "en"],
  title: "Simple",
  pages: [
    { elements: [{ type: "radiogroup", name: "q1", choices: ["a", "b"], isRequired: true }] },
    { elements: [{ type: "text", name: "q2", isRequired: true }] },
  ],
};

function parse(json: unknown, fileName: string): SurveyFile {
  const result = parseSurveyFile(JSON.stringify(json), fileName);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.file;
}

const sink = parse(kitchenSink, "kitchen-sink.json");
const simple = parse(simpleSurvey, "simple.json");

// ---------------------------------------------------------------------------------------------
// Generic checks, also used on the real surveys
// ---------------------------------------------------------------------------------------------

function asObject(v: unknown): JsonObject | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function objects(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.map(asObject).filter((x): x is JsonObject => x !== undefined) : [];
}

function values(items: unknown): unknown[] {
  return Array.isArray(items) ? items.map((i) => asObject(i)?.["value"] ?? i) : [];
}

function pageNames(file: SurveyFile): string[] {
  return file.pages!.map((p, i) => (typeof p.name === "string" && p.name ? p.name : `page${i + 1}`));
}

function keyOf(el: JsonObject): string {
  return String(el["valueName"] ?? el["name"]);
}

/** Questions of a page, including those in (static) panels. */
function questionsOf(elements: unknown): JsonObject[] {
  return objects(elements).flatMap((el) => (el["type"] === "panel" ? questionsOf(el["elements"]) : [el]));
}

function keysOfPage(page: JsonObject): Set<string> {
  const keys = new Set<string>();
  for (const q of questionsOf(page["elements"])) {
    keys.add(keyOf(q));
    keys.add(`${keyOf(q)}-Comment`);
  }
  return keys;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[a-z]\.[a-z]+@[a-z]+\.(org|int)$/;
const SPECIAL = ["other", "none", "refused", "dontknow"];

function numberBounds(el: JsonObject): [number, number] {
  const mins = [el["min"], ...objects(el["validators"]).map((v) => v["minValue"])].filter((n): n is number => typeof n === "number");
  const maxs = [el["max"], ...objects(el["validators"]).map((v) => v["maxValue"])].filter((n): n is number => typeof n === "number");
  return [mins.length ? Math.max(...mins) : -Infinity, maxs.length ? Math.min(...maxs) : Infinity];
}

/** Checks a single value against its question definition; `where` names it in failures. */
function checkValue(el: JsonObject, value: unknown, where: string, parentChoices?: unknown): void {
  const type = String(el["type"] ?? el["cellType"] ?? "dropdown");
  const choices = values(el["choices"]).length > 0 ? values(el["choices"]) : values(parentChoices);
  switch (type) {
    case "text": {
      const inputType = el["inputType"];
      if (inputType === "number") {
        expect(typeof value, where).toBe("number");
        const [lo, hi] = numberBounds(el);
        expect(value as number, where).toBeGreaterThanOrEqual(lo);
        expect(value as number, where).toBeLessThanOrEqual(hi);
      } else if (inputType === "email") expect(value, where).toMatch(EMAIL);
      else if (inputType === "date") expect(value, where).toMatch(ISO_DATE);
      else if (inputType === "url") expect(value, where).toMatch(/^https:\/\/www\.[a-z.]+\/\S*$/);
      else expect(typeof value, where).toBe("string");
      if (typeof el["maxLength"] === "number" && typeof value === "string") {
        expect(value.length, where).toBeLessThanOrEqual(el["maxLength"]);
      }
      break;
    }
    case "comment":
      expect(typeof value, where).toBe("string");
      expect((value as string).length, where).toBeGreaterThan(0);
      break;
    case "radiogroup":
    case "dropdown":
      expect([...choices, ...SPECIAL], where).toContain(value);
      break;
    case "checkbox":
    case "tagbox": {
      expect(Array.isArray(value), where).toBe(true);
      const arr = value as unknown[];
      expect(arr.length, where).toBeGreaterThan(0);
      expect(new Set(arr).size, where).toBe(arr.length);
      for (const v of arr) expect([...choices, "other", "none"], where).toContain(v);
      if (arr.includes("none")) expect(arr, where).toEqual(["none"]);
      if (typeof el["maxSelectedChoices"] === "number") expect(arr.length, where).toBeLessThanOrEqual(el["maxSelectedChoices"]);
      break;
    }
    case "boolean":
      expect(typeof value, where).toBe("boolean");
      break;
    case "rating": {
      const rateValues = values(el["rateValues"]);
      if (rateValues.length > 0) expect(rateValues, where).toContain(value);
      else {
        expect(Number.isInteger(value), where).toBe(true);
        expect(value as number, where).toBeGreaterThanOrEqual(typeof el["rateMin"] === "number" ? el["rateMin"] : 1);
        const max = typeof el["rateMax"] === "number" ? el["rateMax"] : typeof el["rateCount"] === "number" ? el["rateCount"] : 5;
        expect(value as number, where).toBeLessThanOrEqual(max);
      }
      break;
    }
    case "ranking":
      expect([...(value as unknown[])].sort(), where).toEqual([...choices].sort());
      break;
    case "matrix": {
      const obj = asObject(value);
      expect(obj, where).toBeDefined();
      const rows = values(el["rows"]).map(String);
      const columns = values(el["columns"]);
      expect(Object.keys(obj ?? {}).length, where).toBeGreaterThan(0);
      for (const [row, col] of Object.entries(obj ?? {})) {
        expect(rows, where).toContain(row);
        expect(columns, where).toContain(col);
      }
      break;
    }
    case "matrixdropdown": {
      const obj = asObject(value);
      expect(obj, where).toBeDefined();
      const rows = values(el["rows"]).map(String);
      expect(Object.keys(obj ?? {}).length, where).toBeGreaterThan(0);
      for (const [row, cells] of Object.entries(obj ?? {})) {
        expect(rows, where).toContain(row);
        checkRow(el, cells, `${where}.${row}`);
      }
      break;
    }
    case "matrixdynamic": {
      expect(Array.isArray(value), where).toBe(true);
      const arr = value as unknown[];
      expect(arr.length, where).toBeLessThanOrEqual(3);
      arr.forEach((cells, i) => checkRow(el, cells, `${where}[${i}]`));
      break;
    }
    case "paneldynamic": {
      expect(Array.isArray(value), where).toBe(true);
      const arr = value as unknown[];
      expect(arr.length, where).toBeLessThanOrEqual(3);
      arr.forEach((panel, i) => {
        const obj = asObject(panel);
        expect(obj, `${where}[${i}]`).toBeDefined();
        checkData(questionsOf(el["templateElements"]), obj ?? {}, `${where}[${i}]`);
      });
      break;
    }
    case "multipletext": {
      const obj = asObject(value);
      expect(obj, where).toBeDefined();
      const items = objects(el["items"]);
      expect(Object.keys(obj ?? {}).length, where).toBeGreaterThan(0);
      for (const [name, v] of Object.entries(obj ?? {})) {
        const item = items.find((i) => i["name"] === name);
        expect(item, `${where}.${name}`).toBeDefined();
        checkValue({ type: "text", ...item }, v, `${where}.${name}`);
      }
      break;
    }
    default:
      // html, image, expression… never get a value.
      expect.fail(`${where}: a ${type} question got a value`);
  }
}

/** A matrix row: an object of known columns; cell values follow the column's cell type. */
function checkRow(matrix: JsonObject, cells: unknown, where: string): void {
  const obj = asObject(cells);
  expect(obj, where).toBeDefined();
  expect(Object.keys(obj ?? {}).length, where).toBeGreaterThan(0);
  const columns = objects(matrix["columns"]);
  for (const [name, v] of Object.entries(obj ?? {})) {
    if (name.endsWith("-Comment")) continue;
    const column = columns.find((c) => c["name"] === name);
    expect(column, `${where}.${name}`).toBeDefined();
    const own = column?.["cellType"];
    const cellType = typeof own === "string" && own !== "default" ? own : (matrix["cellType"] ?? "dropdown");
    expect(cellType, `${where}.${name}`).not.toBe("expression");
    checkValue({ ...column, type: cellType }, v, `${where}.${name}`, matrix["choices"]);
  }
}

/** Every key of `data` belongs to one of `questions`, and each value fits its question. */
function checkData(questions: JsonObject[], data: JsonObject, where: string): void {
  for (const [key, value] of Object.entries(data)) {
    if (key.endsWith("-Comment")) {
      const base = key.slice(0, -"-Comment".length);
      expect(typeof value, `${where}.${key}`).toBe("string");
      const owner = questions.find((q) => keyOf(q) === base);
      expect(owner, `${where}.${key}`).toBeDefined();
      if (owner?.["showCommentArea"] !== true && owner?.["hasComment"] !== true) {
        const v = data[base];
        expect(Array.isArray(v) ? v.includes("other") : v === "other", `${where}.${key} without "other"`).toBe(true);
      }
      continue;
    }
    const q = questions.find((x) => keyOf(x) === key);
    expect(q, `${where}: unknown key ${key}`).toBeDefined();
    if (q) checkValue(q, value, `${where}.${key}`);
  }
  for (const q of questions) {
    const v = data[keyOf(q)];
    const other = Array.isArray(v) ? v.includes("other") : v === "other";
    if (other) expect(typeof data[`${keyOf(q)}-Comment`], `${where}.${keyOf(q)}-Comment`).toBe("string");
  }
}

/** Everything that must hold for any survey's generated records. */
function checkRecords(file: SurveyFile, records: ResponseRecord[], count: number): void {
  expect(records).toHaveLength(count);
  const names = pageNames(file);
  const pageKeys = file.pages!.map((p) => keysOfPage(p));
  const allQuestions = file.pages!.flatMap((p) => questionsOf(p["elements"]));
  const startMs = Date.parse(DEFAULT_START);
  const ids = new Set<string>();

  for (const r of records) {
    const where = `${file.id} ${r.id}`;
    expect(responseRecordSchema.parse(r), where).toEqual(r);
    expect(r.id, where).toMatch(UUID_V4);
    ids.add(r.id);
    expect(r.surveyId).toBe(file.id);
    expect(r.surveyVersion).toBe(file.version);
    expect(file.languages as readonly string[], where).toContain(r.language);
    expect(r.currentPage, where).not.toBeNull();
    const pageIndex = names.indexOf(r.currentPage ?? "");
    expect(pageIndex, where).toBeGreaterThanOrEqual(0);

    const created = Date.parse(r.createdAt);
    expect(created, where).toBeGreaterThanOrEqual(startMs);
    expect(created, where).toBeLessThanOrEqual(startMs + SPREAD_DAYS * 86_400_000);
    expect(Date.parse(r.updatedAt), where).toBeGreaterThanOrEqual(created);

    if (r.status === "completed") {
      expect(r.progress, where).toBe(100);
      expect(r.completedAt, where).not.toBeNull();
      expect(Date.parse(r.completedAt ?? ""), where).toBeGreaterThan(created);
      expect(Date.parse(r.updatedAt), where).toBeGreaterThanOrEqual(Date.parse(r.completedAt ?? ""));
      const last = file.pages![file.pages!.length - 1];
      if (last && last["visibleIf"] === undefined) expect(r.currentPage, where).toBe(names[names.length - 1]);
    } else {
      expect(r.completedAt, where).toBeNull();
      // Pages reached of the pages visible (the one rule of src/responses/progress.ts).
      if (file.pages!.every((p) => p["visibleIf"] === undefined)) expect(r.progress, where).toBe(responseProgress("draft", pageIndex, names.length));
      else expect(r.progress, where).toBeGreaterThan(0);
      // No answers on pages after the current one (unless the same key is also on an earlier page).
      const allowed = new Set(pageKeys.slice(0, pageIndex + 1).flatMap((k) => [...k]));
      for (const key of Object.keys(r.data)) expect(allowed.has(key), `${where}: ${key} after page ${r.currentPage}`).toBe(true);
    }

    checkData(allQuestions, r.data, where);

    // Simple visibleIf conditions hold for every answered question.
    const calculated = surveyFileToCalculatedValues(file);
    const lookup = (name: string): unknown => {
      if (Object.hasOwn(r.data, name)) return r.data[name];
      const expression = calculated.get(name);
      return expression ? expressionToValue(expression, lookup) : undefined;
    };
    for (const q of allQuestions) {
      if (!(keyOf(q) in r.data) || typeof q["visibleIf"] !== "string") continue;
      const predicate = conditionToPredicate(q["visibleIf"]);
      if (predicate) expect(predicate(lookup), `${where}: ${keyOf(q)} visibleIf ${q["visibleIf"]}`).toBe(true);
    }
    for (const q of allQuestions) if (q["visible"] === false) expect(r.data, where).not.toHaveProperty(keyOf(q));
  }
  expect(ids.size).toBe(count);
  expect(new Set(records.map((r) => r.language))).toEqual(new Set(file.languages));
  expect(records.some((r) => r.status === "draft")).toBe(true);
  expect(records.some((r) => r.status === "completed")).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe("seeded randomness", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    const c = createRng(43);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("makes version-4 UUIDs", () => {
    const rng = createRng(7);
    const ids = Array.from({ length: 200 }, () => nextUuid(rng));
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("conditionToPredicate", () => {
  const data: JsonObject = { a: "yes", b: true, n: 4, list: ["x", "y"], empty: "" };
  const holds = (expr: string) => {
    const p = conditionToPredicate(expr);
    if (!p) throw new Error(`not simple: ${expr}`);
    return p((name) => data[name]);
  };

  it("evaluates simple conditions", () => {
    expect(holds("{a} = 'yes'")).toBe(true);
    expect(holds("{a} = 'no'")).toBe(false);
    expect(holds('{a} == "YES"')).toBe(true);
    expect(holds("{a} != 'no'")).toBe(true);
    expect(holds("{b} = true")).toBe(true);
    expect(holds("{b} = false")).toBe(false);
    expect(holds("{n} > 3")).toBe(true);
    expect(holds("{n} <= 3")).toBe(false);
    expect(holds("{a} notempty")).toBe(true);
    expect(holds("{empty} notempty")).toBe(false);
    expect(holds("{missing} empty")).toBe(true);
    expect(holds("{list} contains 'x'")).toBe(true);
    expect(holds("{list} notcontains 'x'")).toBe(false);
    expect(holds("{a} anyof ['yes', 'maybe']")).toBe(true);
    expect(holds("{list} allof ['x', 'z']")).toBe(false);
    expect(holds("{a} = 'no' or {n} = 4")).toBe(true);
    expect(holds("{list} notempty and {list} notcontains 'none'")).toBe(true);
    expect(holds("{a} = 'yes and no'")).toBe(false);
  });

  it("declines anything more complex", () => {
    expect(conditionToPredicate("age({dob}) > 18")).toBeUndefined();
    expect(conditionToPredicate("({a} = 'yes') and {b} = true")).toBeUndefined();
    expect(conditionToPredicate("{a} = {b}")).toBeUndefined();
    expect(conditionToPredicate("")).toBeUndefined();
  });
});

describe("generateResponses", () => {
  const records = generateResponses(sink, { count: 60, seed: 5 });

  it("is deterministic and depends on the seed", () => {
    expect(JSON.stringify(generateResponses(sink, { count: 60, seed: 5 }))).toBe(JSON.stringify(records));
    const other = generateResponses(sink, { count: 60, seed: 6 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(records));
    expect(other.map((r) => r.id)).not.toEqual(records.map((r) => r.id));
    // The default seed is 1.
    expect(JSON.stringify(generateResponses(simple, { count: 5 }))).toBe(JSON.stringify(generateResponses(simple, { count: 5, seed: 1 })));
  });

  it("produces valid records that match the survey", () => {
    checkRecords(sink, records, 60);
    checkRecords(simple, generateResponses(simple, { count: 10, seed: 3 }), 10);
  });

  it("names unnamed pages like survey-core (page1, page2…)", () => {
    const pages = new Set(generateResponses(simple, { count: 20 }).map((r) => r.currentPage));
    expect([...pages].every((p) => p === "page1" || p === "page2")).toBe(true);
  });

  it("mixes drafts and completed responses by completedShare", () => {
    expect(records.filter((r) => r.status === "completed")).toHaveLength(42);
    expect(generateResponses(sink, { count: 10, completedShare: 1 }).every((r) => r.status === "completed")).toBe(true);
    expect(generateResponses(sink, { count: 10, completedShare: 0 }).every((r) => r.status === "draft")).toBe(true);
  });

  it("uses every language of the file, each at least once", () => {
    const langs = new Set(generateResponses(sink, { count: 4 }).map((r) => r.language));
    expect(langs).toEqual(new Set(["en", "fr", "es", "ar"]));
  });

  it("writes comments in the response's language, with CSV-unfriendly characters somewhere", () => {
    const ar = records.filter((r) => r.language === "ar" && typeof r.data["closing"] === "string");
    expect(ar.length).toBeGreaterThan(0);
    for (const r of ar) expect(r.data["closing"]).toMatch(/[\u0600-\u06ff]/);
    const comments = records.flatMap((r) => [r.data["notes"], r.data["closing"]]).filter((c): c is string => typeof c === "string");
    expect(comments.some((c) => c.includes(","))).toBe(true);
    expect(comments.some((c) => c.includes('"'))).toBe(true);
    expect(comments.some((c) => c.includes("\n"))).toBe(true);
  });

  it("spreads createdAt over several months after start", () => {
    const start = "2025-03-01T00:00:00Z";
    const rs = generateResponses(sink, { count: 40, start });
    const times = rs.map((r) => Date.parse(r.createdAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(start));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(60 * 86_400_000);
  });

  it("stores answers under valueName", () => {
    expect(records.every((r) => !("full_name" in r.data))).toBe(true);
    const named = records.filter((r) => "respondent_name" in r.data);
    expect(named.length).toBeGreaterThan(0);
    for (const r of named) expect(r.data["respondent_name"]).toMatch(/^\S+ \S+/);
  });

  it("answers checkboxes with arrays of known choice values, sometimes with other or none", () => {
    const areas = records.map((r) => r.data["areas"]).filter((v) => v !== undefined);
    expect(areas.length).toBeGreaterThan(20);
    for (const v of areas) {
      expect(Array.isArray(v)).toBe(true);
      for (const x of v as unknown[]) expect(["health", "education", "water", "climate", "other", "none"]).toContain(x);
    }
    const all = generateResponses(sink, { count: 300, seed: 11, completedShare: 1 });
    expect(all.some((r) => (r.data["areas"] as unknown[]).includes("other") && typeof r.data["areas-Comment"] === "string")).toBe(true);
    expect(all.some((r) => JSON.stringify(r.data["areas"]) === '["none"]')).toBe(true);
    expect(all.some((r) => r.data["role"] === "other" && typeof r.data["role-Comment"] === "string")).toBe(true);
    expect(all.some((r) => r.data["country"] === "none")).toBe(true);
    expect(all.some((r) => r.data["country"] === 7)).toBe(true);
  });

  it("honours simple visibleIf and skips complex ones about half the time", () => {
    const all = generateResponses(sink, { count: 200, seed: 2, completedShare: 1 });
    for (const r of all) {
      if ("team_size" in r.data) expect(r.data["role"]).toBe("manager");
      expect("consent_detail" in r.data).toBe(r.data["consent"] === true);
      expect(r.data).not.toHaveProperty("hidden_q");
      expect(r.data).not.toHaveProperty("calc");
      expect(r.data).not.toHaveProperty("intro");
      // calculatedValues: score_mean = avg(score_a, score_b) is never empty in a completed response.
      expect(r.data).toHaveProperty("score_followup");
    }
    const maybe = all.filter((r) => "maybe" in r.data).length;
    expect(maybe).toBeGreaterThan(40);
    expect(maybe).toBeLessThan(160);
    expect(all.some((r) => r.data["role"] === "manager" && "team_size" in r.data)).toBe(true);
  });

  it("keeps related dates in order and numbers within validators", () => {
    const all = generateResponses(sink, { count: 100, seed: 9, completedShare: 1 });
    for (const r of all) {
      const joined = String(r.data["joined"]);
      expect(joined >= "2020-01-01" && joined <= "2020-12-31").toBe(true);
      if (typeof r.data["left"] === "string") expect(r.data["left"] > joined).toBe(true);
      const age = r.data["age"] as number;
      expect(Number.isInteger(age) && age >= 20 && age <= 60).toBe(true);
    }
  });

  it("gives matrixdropdown rows objects of typed cells", () => {
    const withOffices = records.filter((r) => r.data["offices"] !== undefined);
    expect(withOffices.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const r of withOffices) {
      for (const cells of Object.values(r.data["offices"] as JsonObject)) {
        const row = cells as JsonObject;
        expect(row).not.toHaveProperty("total");
        for (const col of Object.keys(row)) seen.add(col);
        if ("status" in row) expect(["open", "closed"]).toContain(row["status"]);
        if ("mode" in row) expect(["m1", "m2"]).toContain(row["mode"]);
        if ("services" in row) expect(Array.isArray(row["services"])).toBe(true);
        if ("remote" in row) expect(typeof row["remote"]).toBe("boolean");
        if ("staff" in row) expect(Number.isInteger(row["staff"]) && (row["staff"] as number) >= 1 && (row["staff"] as number) <= 9).toBe(true);
        if ("label" in row) expect(typeof row["label"]).toBe("string");
        if ("quality" in row) expect([1, 2, 3, 4, 5]).toContain(row["quality"]);
      }
    }
    expect(seen).toEqual(new Set(["status", "mode", "services", "remote", "staff", "label", "quality"]));
  });

  it("gives matrixdynamic and paneldynamic arrays of 0–3 objects", () => {
    const all = generateResponses(sink, { count: 80, seed: 4, completedShare: 1 });
    const lengths = new Set<number>();
    for (const r of all) {
      for (const key of ["members", "projects"]) {
        const v = r.data[key];
        if (v === undefined) continue;
        expect(Array.isArray(v)).toBe(true);
        lengths.add((v as unknown[]).length);
        for (const item of v as unknown[]) expect(asObject(item)).toBeDefined();
      }
      for (const m of (r.data["members"] ?? []) as JsonObject[]) {
        if ("note" in m) expect(m["grade"]).toBe("P4");
        if ("since" in m) expect(m["since"]).toMatch(ISO_DATE);
      }
      for (const p of (r.data["projects"] ?? []) as JsonObject[]) {
        expect(typeof p["project_title"]).toBe("string");
        if ("delivery_notes" in p) expect(p["phase"]).toBe("delivery");
        const budget = asObject(p["budget"]);
        if (budget) for (const row of Object.values(budget)) expect(typeof asObject(row)?.["amount"]).toBe("number");
      }
    }
    expect(lengths).toEqual(new Set([0, 1, 2, 3]));
  });

  it("fills multipletext items by their inputType", () => {
    const contacts = records.map((r) => asObject(r.data["contact"])).filter((c): c is JsonObject => c !== undefined);
    expect(contacts.length).toBeGreaterThan(0);
    for (const c of contacts) {
      if ("email" in c) expect(c["email"]).toMatch(EMAIL);
      if ("office_phone" in c) expect(c["office_phone"]).toMatch(/^\+\d+ [\d ]+$/);
    }
  });

  it("leaves pages after a draft's current page unanswered", () => {
    const drafts = generateResponses(sink, { count: 60, seed: 8, completedShare: 0 });
    const pageKeys = sink.pages!.map((p) => keysOfPage(p));
    for (const d of drafts) {
      const index = pageNames(sink).indexOf(d.currentPage ?? "");
      for (const later of pageKeys.slice(index + 1)) for (const key of later) expect(d.data).not.toHaveProperty(key);
    }
    expect(new Set(drafts.map((d) => d.currentPage))).toEqual(new Set(["about", "work", "team"]));
    expect(new Set(drafts.map((d) => d.progress))).toEqual(new Set([33, 67, 100]));
  });

  it("rejects bad options", () => {
    expect(generateResponses(sink, { count: 0 })).toEqual([]);
    expect(() => generateResponses(sink, { count: -1 })).toThrow(RangeError);
    expect(() => generateResponses(sink, { count: 1.5 })).toThrow(RangeError);
    expect(() => generateResponses(sink, { count: 1, start: "not a date" })).toThrow(RangeError);
    expect(() => generateResponses(sink, { count: 1, completedShare: 2 })).toThrow(RangeError);
  });
});

describe("generateDemoData", () => {
  it("generates perSurvey responses for each file, deterministically", () => {
    const a = generateDemoData([sink, simple], 12, 3);
    expect(a).toHaveLength(24);
    expect(a.filter((r) => r.surveyId === "seed-kitchen-sink")).toHaveLength(12);
    expect(a.filter((r) => r.surveyId === "seed-simple")).toHaveLength(12);
    expect(JSON.stringify(generateDemoData([sink, simple], 12, 3))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateDemoData([sink, simple], 12, 4))).not.toBe(JSON.stringify(a));
    expect(new Set(a.map((r) => r.id)).size).toBe(24);
  });
});

// ---------------------------------------------------------------------------------------------
// The real surveys
// ---------------------------------------------------------------------------------------------

const surveysDir = resolve(import.meta.dirname, "../../surveys");
const realFiles = readdirSync(surveysDir).filter((n) => n.endsWith(".json")).sort();

describe("the surveys in surveys/", () => {
  it("include the three shipped surveys", () => {
    expect(realFiles).toEqual(expect.arrayContaining(["gfmd-workshop-feedback.json", "jp-country-progress.json", "unct-migration-capacity.json"]));
  });

  for (const name of realFiles) {
    it(`generates valid, deterministic responses for ${name}`, () => {
      const result = parseSurveyFile(readFileSync(join(surveysDir, name), "utf8"), `surveys/${name}`);
      if (!result.ok) throw new Error(`surveys/${name} does not parse: ${result.problems[0]?.message}`);
      const records = generateResponses(result.file, { count: 40 });
      checkRecords(result.file, records, 40);
      expect(JSON.stringify(generateResponses(result.file, { count: 40 }))).toBe(JSON.stringify(records));
      expect(JSON.stringify(generateResponses(result.file, { count: 40, seed: 2 }))).not.toBe(JSON.stringify(records));
    });
  }
});

/** Where a value has another shape than its answer-tree node says it stores ("" when it matches). */
function shapeMismatch(node: QuestionNode, value: unknown, path: string): string {
  const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (value === undefined) return "";
  switch (node.kind) {
    case "value":
      return typeof value === "object" && value !== null ? `${path}: a ${node.type} stores one value, got ${JSON.stringify(value)}` : "";
    case "multi":
      return Array.isArray(value) ? "" : `${path}: a ${node.type} stores a list, got ${JSON.stringify(value)}`;
    case "group": {
      if (!isObject(value)) return `${path}: a ${node.type} stores an object, got ${JSON.stringify(value)}`;
      const members = value as JsonObject;
      for (const child of node.children) {
        const bad = shapeMismatch(child, members[child.key], `${path}/${child.key}`);
        if (bad) return bad;
      }
      return "";
    }
    case "repeat": {
      if (!Array.isArray(value) || !value.every(isObject)) return `${path}: a ${node.type} stores a list of objects, got ${JSON.stringify(value)}`;
      for (const entry of value as JsonObject[]) {
        for (const child of node.children) {
          const bad = shapeMismatch(child, entry[child.key], `${path}[]/${child.key}`);
          if (bad) return bad;
        }
      }
      return "";
    }
  }
}

describe("value shapes", () => {
  const files = [kitchenSink, ...realFiles.map((n) => JSON.parse(readFileSync(join(surveysDir, n), "utf8")) as JsonObject)];
  it("are the ones the answer tree (src/definition/) says each question stores", () => {
    let checked = 0;
    for (const json of files) {
      const parsed = parseSurveyFile(JSON.stringify(json), "x.json");
      if (!parsed.ok) throw new Error(`${String(json["id"])} does not parse`);
      const tree = definitionToTree(parsed.file);
      for (const record of generateResponses(parsed.file, { count: 30 })) {
        for (const node of tree.nodes) {
          expect(shapeMismatch(node, record.data[node.key], `${parsed.file.id}:${node.key}`)).toBe("");
          if (record.data[node.key] !== undefined) checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

describe("scripts/seed-cli.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "survey-studio-seeds-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "sink.json"), JSON.stringify(kitchenSink));
  writeFileSync(join(dir, "simple.json"), JSON.stringify(simpleSurvey));
  writeFileSync(join(dir, "broken.json"), '{ "id": "x y", "version": 1, ');
  writeFileSync(join(dir, "bad-envelope.json"), JSON.stringify({ ...simpleSurvey, version: 0 }));

  const run = (args: string[]) => {
    let stdout = "";
    let stderr = "";
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, root: dir };
    const code = runCli(args, io);
    return { code, stdout, stderr };
  };

  it("parses its arguments", () => {
    expect(argsToCliOptions([])).toEqual({ count: 50, seed: 1, out: undefined, files: [], help: false });
    expect(argsToCliOptions(["--count", "5", "--seed=9", "--out", "x.json", "a.json", "b.json"])).toEqual({
      count: 5,
      seed: 9,
      out: "x.json",
      files: ["a.json", "b.json"],
      help: false,
    });
  });

  it("writes a responses file to stdout", () => {
    const { code, stdout, stderr } = run(["--count", "6", "sink.json", "simple.json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const payload = JSON.parse(stdout) as { format: string; formatVersion: number; responses: unknown[] };
    expect(payload.format).toBe("survey-studio-responses");
    expect(payload.formatVersion).toBe(1);
    expect(payload.responses).toHaveLength(12);
    for (const r of payload.responses) responseRecordSchema.parse(r);
    expect(JSON.stringify(payload.responses)).toBe(JSON.stringify(generateDemoData([sink, simple], 6, 1)));
  });

  it("writes to --out and honours --seed", () => {
    const { code, stderr } = run(["--count", "3", "--seed", "4", "--out", "out/responses.json", "simple.json"]);
    expect(code).toBe(0);
    expect(stderr).toContain("Wrote 3 responses");
    const payload = JSON.parse(readFileSync(join(dir, "out/responses.json"), "utf8")) as { responses: unknown[] };
    expect(JSON.stringify(payload.responses)).toBe(JSON.stringify(generateResponses(simple, { count: 3, seed: 4 })));
  });

  it("names the bad file and exits 1", () => {
    const broken = run(["simple.json", "broken.json"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain("broken.json");
    const envelope = run(["bad-envelope.json"]);
    expect(envelope.code).toBe(1);
    expect(envelope.stderr).toMatch(/bad-envelope\.json:\d+:\d+: version/);
    const missing = run(["nope.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.json");
  });

  it("rejects bad arguments with exit code 2", () => {
    expect(run(["--count", "many"]).code).toBe(2);
    expect(run(["--frobnicate"]).code).toBe(2);
  });
});
