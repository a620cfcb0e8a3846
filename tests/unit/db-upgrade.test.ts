/**
 * Upgrades of the stored data: for every declared schema version, a database is built exactly
 * as that version of the app left it — with real data (seeded responses for every shipped
 * survey, definitions, a designer draft, settings) — then opened with the current code, and
 * every record is checked.
 *
 * Version 2 gave every response a `revision`; version 3 added the `files` table (Blobs of files
 * given as answers). To add version N (in src/db/database.ts, SCHEMA_VERSIONS):
 *   1. declare `{ version: N, stores: {...}, upgrade?: (tx) => ... }` — never edit an older entry;
 *   2. add `N: (rows) => rows-as-version-N-stores-them` to `EXPECTED_AFTER` below if the upgrade
 *      changes stored rows (for example a new field with a default);
 *   3. if version N-1's rows differ from today's types, add a builder to `ROWS_AT` for N-1.
 * The loop then builds a database at every version v < N with its data, opens it with the current
 * code, and checks every record against `EXPECTED_AFTER` applied from v+1 to N.
 */
import Dexie from "dexie";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_NAME, SCHEMA_VERSIONS, StudioDatabase } from "../../src/db/database.ts";
import { createResponseRepository } from "../../src/db/repository.ts";
import { designerDraftSchema, storedDefinitionSchema } from "../../src/schema/definition.ts";
import { responseRecordSchema, type ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";
import { generateDemoData } from "../../src/seeds/generate.ts";

type Rows = Record<string, Record<string, unknown>[]>;

function shippedSurveys(): { file: SurveyFile; text: string }[] {
  return readdirSync("surveys")
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => {
      const text = readFileSync(join("surveys", n), "utf8");
      const parsed = parseSurveyFile(text, n);
      if (!parsed.ok) throw new Error(`${n} does not parse`);
      return { file: parsed.file, text };
    });
}

/** Rows as a version of the app stored them. Version 1's responses had no `revision`. */
const ROWS_AT: Record<number, () => Rows> = {
  1: () => {
    const surveys = shippedSurveys();
    const responses: ResponseRecord[] = generateDemoData(
      surveys.map((s) => s.file),
      25,
      42,
    );
    return {
      responses: responses.map(({ revision: _revision, ...r }) => r) as unknown as Record<string, unknown>[],
      definitions: surveys.map((s) => ({
        surveyId: s.file.id,
        version: s.file.version,
        text: s.text,
        hash: "0".repeat(64),
        savedAt: "2026-01-02T03:04:05.000Z",
        origin: "shipped",
      })),
      drafts: [{ surveyId: "draft-survey", text: '{ "id": "draft-survey", "unfinished": ', baseVersion: null, updatedAt: "2026-01-03T00:00:00.000Z" }],
      settings: [
        { key: "demo-loaded", value: true },
        { key: "nested", value: { a: [1, 2, { b: "ç" }] } },
      ],
    };
  },
};

/** How rows change when the database is upgraded to version N (version 3 only adds a table). */
const EXPECTED_AFTER: Record<number, (rows: Rows) => Rows> = {
  // Every response gets a revision: 1 when it was completed, 0 for a draft.
  2: (rows) => ({ ...rows, responses: rows["responses"]!.map((r) => ({ ...r, revision: r["status"] === "completed" ? 1 : 0 })) }),
};

ROWS_AT[3] = () => {
  const rows = rowsAt(2);
  const response = rows["responses"]![0]!;
  rows["files"] = [
    { id: "7f6e2c1a-0000-4000-8000-000000000001", responseId: response["id"], question: "report", name: "report.pdf", type: "application/pdf", size: 5, blob: new Blob(["%PDF-"], { type: "application/pdf" }), createdAt: "2026-01-04T00:00:00.000Z" },
    { id: "7f6e2c1a-0000-4000-8000-000000000002", responseId: response["id"], question: "signature", name: "signature.png", type: "image/png", size: 3, blob: new Blob([new Uint8Array([137, 80, 78])], { type: "image/png" }), createdAt: "2026-01-04T00:00:01.000Z" },
  ];
  return rows;
};

function rowsAt(version: number): Rows {
  for (let v = version; v >= 1; v--) {
    const build = ROWS_AT[v];
    if (build) {
      let rows = build();
      for (let u = v + 1; u <= version; u++) rows = EXPECTED_AFTER[u]?.(rows) ?? rows;
      return rows;
    }
  }
  throw new Error(`no rows for version ${version}`);
}

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const latest = SCHEMA_VERSIONS.at(-1)!.version;

describe("stored data survives every schema upgrade", () => {
  for (const declared of SCHEMA_VERSIONS) {
    const v = declared.version;
    it(`a version ${v} database with data opens with the current code (version ${latest}) and keeps every record`, async () => {
      const name = `upgrade-from-${v}-${crypto.randomUUID()}`;
      names.push(name);
      // The database exactly as version v of the app declared it: only the versions up to v.
      const old = new Dexie(name);
      for (const s of SCHEMA_VERSIONS.filter((x) => x.version <= v)) old.version(s.version).stores(s.stores);
      const rows = rowsAt(v);
      await old.open();
      for (const [table, list] of Object.entries(rows)) await old.table(table).bulkAdd(list);
      old.close();

      const db = new StudioDatabase(name);
      await db.open();
      expect(db.verno).toBe(latest);
      let expected = rows;
      for (let u = v + 1; u <= latest; u++) expected = EXPECTED_AFTER[u]?.(expected) ?? expected;

      // Every record is there, unchanged (or changed exactly as the upgrade says), and valid for today's schemas.
      const responses = await db.responses.toArray();
      expect(responses).toHaveLength(expected["responses"]!.length);
      const byId = new Map(responses.map((r) => [r.id, r]));
      for (const r of expected["responses"]!) {
        expect(byId.get(r["id"] as string)).toEqual(r);
        expect(() => responseRecordSchema.parse(byId.get(r["id"] as string))).not.toThrow();
      }
      const definitions = await db.definitions.toArray();
      expect(definitions).toEqual(expect.arrayContaining(expected["definitions"]!));
      expect(definitions).toHaveLength(expected["definitions"]!.length);
      for (const d of definitions) expect(() => storedDefinitionSchema.parse(d)).not.toThrow();
      const drafts = await db.drafts.toArray();
      expect(drafts).toEqual(expected["drafts"]);
      for (const d of drafts) expect(() => designerDraftSchema.parse(d)).not.toThrow();
      expect(await db.settings.toArray()).toEqual(expect.arrayContaining(expected["settings"]!));
      // Files given as answers keep their bytes, and are found by their response.
      const files = await db.files.toArray();
      expect(files.map((f) => f.id).sort()).toEqual((expected["files"] ?? []).map((f) => f["id"] as string).sort());
      for (const f of expected["files"] ?? []) {
        const stored = files.find((x) => x.id === f["id"])!;
        expect(new Uint8Array(await stored.blob.arrayBuffer())).toEqual(new Uint8Array(await (f["blob"] as Blob).arrayBuffer()));
        expect(await db.files.where("responseId").equals(f["responseId"] as string).count()).toBe((expected["files"] ?? []).filter((x) => x["responseId"] === f["responseId"]).length);
      }

      // The indexes of the current version answer queries over the old data.
      const repo = createResponseRepository(db);
      const first = expected["responses"]![0]!;
      const forSurvey = await repo.listForSurvey(first["surveyId"] as string);
      expect(forSurvey.length).toBe(expected["responses"]!.filter((r) => r["surveyId"] === first["surveyId"]).length);
      const completed = await db.responses.where("[surveyId+status]").equals([first["surveyId"] as string, "completed"]).count();
      expect(completed).toBe(expected["responses"]!.filter((r) => r["surveyId"] === first["surveyId"] && r["status"] === "completed").length);
      expect(await repo.get(first["id"] as string)).toEqual(first);
      db.close();
    });
  }

  it("declares versions in increasing order and never drops a table", () => {
    const versions = SCHEMA_VERSIONS.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const tables = new Set<string>();
    for (const s of SCHEMA_VERSIONS) {
      for (const [t, spec] of Object.entries(s.stores)) {
        // Dexie deletes a table declared as null.
        expect(spec, `${t} in version ${s.version}`).not.toBeNull();
        tables.add(t);
      }
    }
    for (const t of ["responses", "settings", "definitions", "drafts", "files"]) expect(tables.has(t)).toBe(true);
  });

  it("the app's database name is the one earlier versions used", () => {
    expect(DATABASE_NAME).toBe("survey-studio");
  });
});
