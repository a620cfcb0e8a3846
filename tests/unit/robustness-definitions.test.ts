/**
 * Hostile and broken survey definitions: fast-check feeds generated and mutated definitions
 * (wrong types, missing fields, unknown question types, bad expressions, `__proto__` keys, very
 * long strings, very deep nesting) through the loader, the linter, the catalog and the runner.
 * Never an uncaught exception or a hang; a rejected file always says what is wrong and where.
 *
 * Sized in property-runs.ts: a few dozen cases each in `npm run test:unit` (their time is
 * printed), a time budget each in `npm run test:soak` (the count is printed).
 */
import fc from "fast-check";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Problem } from "../../src/schema/problem.ts";
import { parseSurveyFile, surveyFileToDefinition } from "../../src/schema/survey-file.ts";
import { sourcesToCatalog } from "../../src/catalog/check.ts";
import { definitionProblems } from "../../src/survey/check-definition.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";
import { checkProperty, timeoutFor, type RunSize } from "./property-runs.ts";

const checkSources = (sources: Parameters<typeof sourcesToCatalog>[0]) => sourcesToCatalog(sources, definitionProblems);

/** Each property's unit count and soak budget (the "loader" one is the cheapest case: no linter, no runner). */
const SIZES = {
  mutated: { runs: 15, soakSeconds: 150 },
  generated: { runs: 50, soakSeconds: 150 },
  loader: { runs: 40, soakSeconds: 150 },
} satisfies Record<string, RunSize>;
/** Longest one definition may take through every stage before it counts as a hang. */
const HANG_MS = 30_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const BASES: { name: string; json: Json }[] = [
  ...readdirSync("surveys")
    .filter((n) => n.endsWith(".json"))
    .map((n) => ({ name: n, json: JSON.parse(readFileSync(join("surveys", n), "utf8")) as Json })),
  { name: "all-question-types.json", json: JSON.parse(readFileSync("tests/fixtures/surveys-extra/all-question-types.json", "utf8")) as Json },
];

const BAD_EXPRESSIONS = [
  "{a} +",
  "((((((",
  "{q1} = ",
  "iif(",
  "{__proto__.polluted} = 1",
  "constructor.constructor('globalThis.__fuzzRan = 1')()",
  "{q}.constructor",
  "age({birth}) > ",
  "unknownFunction({x})",
  "'unterminated",
  `${"(".repeat(2000)}1${")".repeat(2000)}`,
  `${"{a} + ".repeat(3000)}1`,
  "{a} contains {b} anyof [1, 2",
  "\u0000\uFFFF",
  "{a[999999999]} > 0",
];
/** Mostly short bad expressions; the huge ones (slow for survey-core to parse, not a hang) now and then. */
const expressionArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...BAD_EXPRESSIONS.filter((e) => e.length < 100), "{q} = 1", "true") },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_EXPRESSIONS.filter((e) => e.length >= 100)) },
);
const UNKNOWN_TYPES = ["nope", "script", "__proto__", "constructor", "toString", "", "TEXT", "html<script>"];
const WRONG_VALUES: Json[] = [null, true, 0, -1, 1e308, "", "x", [], {}, [[[]]], { __wrong: 1 }, "<img src=x onerror=alert(1)>"];
const PROPERTY_NAMES = ["name", "type", "title", "elements", "pages", "choices", "rows", "columns", "visibleIf", "enableIf", "requiredIf", "expression", "defaultValue", "validators", "items", "templateElements", "rateValues", "calculatedValues", "triggers", "id", "version", "languages", "maxLength", "isRequired", "choicesByUrl", "valueName", "inputType", "cellType", "panelCount"];

/** Every path to a value in `root`. */
function paths(root: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { node: Json; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    out.push(path);
    if (Array.isArray(node)) node.forEach((c, i) => stack.push({ node: c, path: [...path, i] }));
    else if (node && typeof node === "object") for (const [k, c] of Object.entries(node)) stack.push({ node: c, path: [...path, k] });
  }
  return out;
}

function parentOf(root: Json, path: (string | number)[]): { parent: Json; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: Json = root;
  for (const seg of path.slice(0, -1)) node = (node as Record<string | number, Json>)[seg]!;
  return { parent: node, key: path.at(-1)! };
}

type Mutation =
  | { kind: "wrong-type"; at: number; value: Json }
  | { kind: "delete"; at: number }
  | { kind: "unknown-type"; at: number; type: string }
  | { kind: "bad-expression"; at: number; property: string; expression: string }
  | { kind: "proto-key"; at: number }
  | { kind: "long-string"; at: number; length: number }
  | { kind: "deep"; at: number; depth: number; shape: "panel" | "array" | "object" }
  | { kind: "add-property"; at: number; property: string; value: Json }
  | { kind: "duplicate-element"; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("wrong-type" as const), at: fc.nat(), value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("unknown-type" as const), at: fc.nat(), type: fc.constantFrom(...UNKNOWN_TYPES) }),
  fc.record({ kind: fc.constant("bad-expression" as const), at: fc.nat(), property: fc.constantFrom("visibleIf", "enableIf", "requiredIf", "expression", "defaultValueExpression", "choicesVisibleIf", "minValueExpression"), expression: expressionArb }),
  fc.record({ kind: fc.constant("proto-key" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("long-string" as const), at: fc.nat(), length: fc.constantFrom(10_000, 200_000, 1_000_000) }),
  fc.record({ kind: fc.constant("deep" as const), at: fc.nat(), depth: fc.constantFrom(50, 300, 3_000, 20_000), shape: fc.constantFrom("panel" as const, "array" as const, "object" as const) }),
  fc.record({ kind: fc.constant("add-property" as const), at: fc.nat(), property: fc.constantFrom(...PROPERTY_NAMES), value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ kind: fc.constant("duplicate-element" as const), at: fc.nat() }),
);

/** Deeply nested JSON, written as text (JSON.stringify itself overflows the stack on such values). */
function deepText(depth: number, shape: "panel" | "array" | "object"): string {
  if (shape === "panel") return '{"type":"panel","name":"p","elements":['.repeat(depth) + '{"type":"text","name":"deep_q"}' + "]}".repeat(depth);
  if (shape === "array") return "[".repeat(depth) + "1" + "]".repeat(depth);
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}
const DEEP_MARK = "__DEEP_MARK__";

/** Applies mutations to a copy; returns the JSON text (the `__proto__` key is written into the text). */
function mutate(base: Json, mutations: readonly Mutation[]): string {
  const root = structuredClone(base);
  const protoMarks: string[] = [];
  let deep: string | undefined;
  const ordered = [...mutations.filter((m) => m.kind !== "deep"), ...mutations.filter((m) => m.kind === "deep").slice(0, 1)];
  for (const m of ordered) {
    const all = paths(root);
    const path = all[m.at % all.length]!;
    const target = parentOf(root, path);
    const node = path.reduce<Json>((n, s) => (n as Record<string | number, Json>)[s]!, root);
    const setHere = (v: Json) => {
      if (target) (target.parent as Record<string | number, Json>)[target.key] = v;
    };
    switch (m.kind) {
      case "wrong-type":
        setHere(m.value);
        break;
      case "delete":
        if (target && Array.isArray(target.parent)) target.parent.splice(target.key as number, 1);
        else if (target) delete (target.parent as Record<string, Json>)[target.key as string];
        break;
      case "unknown-type":
        if (node && typeof node === "object" && !Array.isArray(node)) node["type"] = m.type;
        break;
      case "bad-expression":
        if (node && typeof node === "object" && !Array.isArray(node)) node[m.property] = m.expression;
        break;
      case "proto-key":
        if (node && typeof node === "object" && !Array.isArray(node)) {
          const mark = `__PROTO_MARK_${protoMarks.length}__`;
          protoMarks.push(mark);
          node[mark] = { polluted: true, type: "text", name: "proto" };
        }
        break;
      case "long-string":
        setHere("x\u0301ع".repeat(Math.ceil(m.length / 3)));
        break;
      case "deep":
        deep = deepText(m.depth, m.shape);
        if (node && typeof node === "object" && !Array.isArray(node) && Array.isArray(node["elements"])) node["elements"].push(DEEP_MARK);
        else if (target) setHere(DEEP_MARK);
        else deep = undefined;
        break;
      case "add-property":
        if (node && typeof node === "object" && !Array.isArray(node)) node[m.property] = m.value;
        break;
      case "duplicate-element":
        if (target && Array.isArray(target.parent)) target.parent.push(structuredClone(node));
        break;
    }
  }
  let text = JSON.stringify(root);
  for (const mark of protoMarks) text = text.replace(`"${mark}"`, '"__proto__"');
  if (deep) text = text.replace(`"${DEEP_MARK}"`, deep);
  return text;
}

/** Any JSON, sometimes shaped like a survey file. */
const generatedArb: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      id: fc.oneof(fc.constant("gen-survey"), fc.string(), fc.integer()),
      version: fc.oneof(fc.constant(1), fc.integer(), fc.double(), fc.string()),
      languages: fc.oneof(fc.constant(["en"]), fc.array(fc.constantFrom("en", "fr", "xx", "", "ar")), fc.string()),
      title: fc.oneof(fc.string(), fc.dictionary(fc.constantFrom("default", "fr", "en", "zz", "__proto__"), fc.string())),
      pages: fc.array(
        fc.record({
          name: fc.oneof(fc.string(), fc.constant("p")),
          elements: fc.array(
            fc.record(
              {
                type: fc.constantFrom("text", "comment", "radiogroup", "checkbox", "dropdown", "tagbox", "boolean", "rating", "ranking", "matrix", "matrixdropdown", "matrixdynamic", "paneldynamic", "multipletext", "expression", "html", "panel", "image", "file", "signaturepad", "imagepicker", ...UNKNOWN_TYPES),
                name: fc.oneof(fc.string({ maxLength: 8 }), fc.constant("q"), fc.constant("__proto__"), fc.constant("constructor")),
                title: fc.oneof(fc.string(), fc.constant("<script>globalThis.__fuzzRan=1</script>")),
                choices: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ value: fc.jsonValue({ maxDepth: 1 }), text: fc.string() })), { maxLength: 6 }),
                visibleIf: expressionArb,
                isRequired: fc.jsonValue({ maxDepth: 1 }),
                inputType: fc.constantFrom("number", "date", "email", "range", "color", "bogus"),
                rows: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
                columns: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
                templateElements: fc.array(fc.record({ type: fc.constantFrom("text", "dropdown", "nope"), name: fc.string({ maxLength: 5 }) }), { maxLength: 3 }),
                items: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
                expression: expressionArb,
              },
              { requiredKeys: ["type"] },
            ),
            { maxLength: 6 },
          ),
        }),
        { maxLength: 4 },
      ),
    })
    .map((v) => JSON.stringify(v)),
  // Broken JSON text.
  fc.string({ maxLength: 200 }),
  fc.tuple(fc.constantFrom(...BASES), fc.nat(), fc.nat()).map(([b, cut, len]) => {
    const t = JSON.stringify(b.json);
    const at = cut % t.length;
    return t.slice(0, at) + t.slice(at + (len % 20));
  }),
);

// survey-core warns on the console about every bad expression: thousands of lines.
beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});

const stats = { definitions: 0, rejected: 0, loaded: 0, sessions: 0, completed: 0 };
afterAll(() => {
  vi.restoreAllMocks();
  console.log(
    `[robustness] definitions fuzzed: ${stats.definitions} (${stats.rejected} rejected with located problems, ${stats.loaded} loaded; ${stats.sessions} run through the runner, ${stats.completed} completed)`,
  );
});

function expectLocated(problems: readonly Problem[], text: string) {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p.path).toBe("string");
    expect(p.file).toBe("fuzz.json");
    expect(p.message.length).toBeGreaterThan(3);
    expect(p.message).not.toMatch(/\[object Object\]|undefined is not|Cannot read prop|Maximum call stack/);
    if (p.severity === "error" && p.path !== "" && p.line !== undefined) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(text.split("\n").length);
    }
  }
}

/** The catalog's verdict on one file: exactly one entry, accepted or rejected. */
function oneEntry(text: string) {
  const entries = checkSources([{ fileName: "fuzz.json", text }]);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

/** Every stage on one text; throws on an uncaught exception or a hang. */
function runAll(text: string, runner: boolean) {
  const started = Date.now();
  stats.definitions++;
  const parsed = parseSurveyFile(text, "fuzz.json");
  if (!parsed.ok) expectLocated(parsed.problems, text);
  const lint = lintSurveyText(text, "fuzz.json");
  expect(Array.isArray(lint)).toBe(true);
  for (const p of lint) expect(typeof p.path).toBe("string");
  const entry = oneEntry(text);
  if (!entry.ok) {
    stats.rejected++;
    expectLocated(entry.problems.filter((p) => p.severity === "error"), text);
  } else {
    stats.loaded++;
    expect(parsed.ok).toBe(true);
    if (runner) {
      stats.sessions++;
      // The runner only ever gets definitions the catalog accepted.
      const session = createSurveySession({ definition: surveyFileToDefinition(entry.file), language: entry.file.languages[0] });
      for (let i = 0; i < 30 && !session.isLastPage(); i++) {
        if (!session.next().ok) break;
      }
      session.prev();
      session.goToPage(session.pageCount() - 1);
      if (session.complete().ok) stats.completed++;
      JSON.stringify(session.snapshot());
      session.dispose();
    }
  }
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  expect((globalThis as Record<string, unknown>)["__fuzzRan"]).toBeUndefined();
  const took = Date.now() - started;
  if (took > 2000 && process.env["FUZZ_DEBUG"]) console.log(`slow (${took} ms, ${text.length} chars): ${text.slice(0, 300)}`);
  expect(took).toBeLessThan(HANG_MS);
}

describe("hostile and broken survey definitions", () => {
  it("mutated shipped surveys: never an uncaught exception or a hang, always a located error", () => {
    checkProperty(
      "mutated shipped surveys",
      fc.property(fc.constantFrom(...BASES), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (base, mutations) => {
        runAll(mutate(base.json, mutations), true);
      }),
      SIZES.mutated,
      { seed: 20260601, endOnFailure: true },
    );
  }, timeoutFor(SIZES.mutated));

  it("generated definitions and broken JSON text", () => {
    checkProperty("generated definitions and broken JSON", fc.property(generatedArb, (text) => runAll(text, true)), SIZES.generated, { seed: 4242, endOnFailure: true });
  }, timeoutFor(SIZES.generated));

  it("many more mutations through the loader and the catalog", () => {
    const small = BASES.reduce((a, b) => (JSON.stringify(a.json).length < JSON.stringify(b.json).length ? a : b));
    checkProperty(
      "mutations through the loader and the catalog",
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const text = mutate(small.json, mutations);
        if (process.env["FUZZ_DEBUG"]) writeFileSync("/tmp/fuzz-last-case.json", JSON.stringify({ mutations, text }));
        const started = Date.now();
        stats.definitions++;
        const parsed = parseSurveyFile(text, "fuzz.json");
        if (!parsed.ok) expectLocated(parsed.problems, text);
        const entry = oneEntry(text);
        if (!entry.ok) {
          stats.rejected++;
          expectLocated(entry.problems.filter((p) => p.severity === "error"), text);
        } else {
          stats.loaded++;
          expect(parsed.ok).toBe(true);
        }
        expect(Date.now() - started).toBeLessThan(HANG_MS);
      }),
      SIZES.loader,
      { seed: 77, endOnFailure: true },
    );
  }, timeoutFor(SIZES.loader));

  it("nesting deeper than a survey ever needs is refused with its path, before anything recurses", () => {
    const text = `{"id":"deep","version":1,"languages":["en"],"title":"t","pages":[{"name":"p","elements":[${deepText(50_000, "panel")}]}]}`;
    const parsed = parseSurveyFile(text, "fuzz.json");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ path: expect.stringMatching(/^pages\[0\]\.elements\[0\]\.elements\[0\]/), line: 1, message: expect.stringMatching(/more than 64 levels deep/) });
    expect(lintSurveyText(text, "fuzz.json")[0]?.message).toMatch(/levels deep/);
    expect(checkSources([{ fileName: "fuzz.json", text }])[0]?.ok).toBe(false);
    for (const shipped of BASES) expect(parseSurveyFile(JSON.stringify(shipped.json), shipped.name).ok).toBe(true);
  });
});
