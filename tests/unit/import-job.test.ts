import { describe, expect, it } from "vitest";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { createImportJob, IMPORT_BATCH, type ImportContext, type ImportStore, type NotImported } from "../../src/export/import-job.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { definition, fullRecord, KITCHEN_SINK, record } from "./export-fixtures.ts";

/** An in-memory store that counts what it was asked to do. */
function memoryStore(initial: ResponseRecord[] = []) {
  const rows = new Map(initial.map((r) => [r.id, structuredClone(r)]));
  const calls = { add: 0, remove: 0, put: 0 };
  const store: ImportStore = {
    get: async (ids) => ids.map((id) => structuredClone(rows.get(id))),
    add: async (records) => {
      calls.add++;
      for (const r of records) {
        if (rows.has(r.id)) throw new Error(`add over a stored record ${r.id}`);
        rows.set(r.id, structuredClone(r));
      }
    },
    remove: async (ids) => {
      calls.remove++;
      for (const id of ids) rows.delete(id);
    },
    put: async (records) => {
      calls.put++;
      for (const r of records) rows.set(r.id, structuredClone(r));
    },
  };
  return { store, rows, calls };
}

const defs = [definition(KITCHEN_SINK)];
const context: ImportContext = {
  surveyId: "kitchen-sink",
  definitions: defs,
  surveys: [
    { surveyId: "kitchen-sink", title: "Kitchen sink", versions: [2] },
    { surveyId: "workshop", title: "Workshop feedback", versions: [1] },
  ],
};

const make = (data: Record<string, unknown>, over: Partial<ResponseRecord> = {}) => ({ ...fullRecord(record(data)), ...over }) as ResponseRecord;
const fileText = (responses: unknown[]) => JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, responses }, null, 1);

async function runJob(files: { name: string; data: string }[], stored: ResponseRecord[] = []) {
  const mem = memoryStore(stored);
  const notImported: NotImported[] = [];
  const conflicts: string[] = [];
  const progress: number[] = [];
  const job = createImportJob(context, mem.store, {
    onNotImported: (items) => notImported.push(...items),
    onConflicts: (items) => conflicts.push(...items.map((c) => c.id)),
    onProgress: (p) => progress.push(p.fraction),
  });
  const summary = await job.run(files);
  return { summary, notImported, conflicts, progress, ...mem, job };
}

describe("the import job", () => {
  // 130,000 records once made `incoming.push(...records)` overflow the call stack (no record was stored).
  it("imports 130,000 records of one file", async () => {
    const many = Array.from({ length: 130_000 }, (_, i) => make({ respondent: `R${i}` }));
    const { summary, rows } = await runJob([{ name: "huge.json", data: fileText(many) }]);
    expect(summary).toMatchObject({ added: 130_000, fileProblems: [] });
    expect(rows.size).toBe(130_000);
  }, 120_000);

  it("stores every record of a large file in batches and reports progress to the end", async () => {
    const many = Array.from({ length: IMPORT_BATCH * 2 + 17 }, (_, i) => make({ respondent: `R${i}` }));
    const { summary, rows, calls, progress, notImported } = await runJob([{ name: "many.json", data: fileText(many) }]);
    expect(summary).toMatchObject({ added: many.length, unchanged: 0, conflicts: 0, notImported: 0, cancelled: false });
    expect(rows.size).toBe(many.length);
    expect(calls.add).toBe(3);
    expect(notImported).toEqual([]);
    expect(progress.at(-1)).toBe(1);
  });

  it("says why each record is not imported, and never overwrites a stored one", async () => {
    const stored = make({ respondent: "Stored" });
    const same = make({ respondent: "Same" });
    const twiceSame = make({ respondent: "Twice, same" });
    const twiceOther = make({ respondent: "Twice, A" });
    const records: unknown[] = [
      { ...stored, data: { respondent: "Changed here" }, updatedAt: "2027-01-01T00:00:00.000Z" }, // 0 conflict
      same, // 1 unchanged
      { ...make({}), surveyId: "workshop", surveyVersion: 1 }, // 2 another installed survey
      { ...make({}), surveyId: "elsewhere" }, // 3 not installed
      { ...make({}), surveyVersion: 999 }, // 4 unknown version
      { ...make({}), completedAt: null }, // 5 completed without a time
      twiceSame, // 6
      twiceSame, // 7 repeated, stored once
      twiceOther, // 8 first copy
      { ...twiceOther, data: { respondent: "Twice, B" } }, // 9 other content: neither copy
      { ...make({}), createdAt: "yesterday" }, // 10 schema
    ];
    const { summary, rows, notImported, conflicts } = await runJob([{ name: "mixed.json", data: fileText(records) }], [stored, same]);
    expect(summary).toMatchObject({ added: 1, unchanged: 1, repeated: 1, conflicts: 1, cancelled: false });
    expect(conflicts).toEqual([stored.id]);
    // The stored record is as it was; neither copy of the twice-different record is stored.
    expect(rows.get(stored.id)?.data).toEqual({ respondent: "Stored" });
    expect(rows.has(twiceOther.id)).toBe(false);
    expect(rows.has(twiceSame.id)).toBe(true);
    const byWhere = Object.fromEntries(notImported.map((n) => [n.where.replace(/\..*/, ""), n]));
    expect(byWhere["responses[2]"]).toMatchObject({ code: "other-survey", params: { survey: "Workshop feedback" } });
    expect(byWhere["responses[3]"]).toMatchObject({ code: "unknown-survey", params: { surveyId: "elsewhere" } });
    expect(byWhere["responses[4]"]).toMatchObject({ code: "unknown-version", params: { version: 999, installed: "2" } });
    expect(byWhere["responses[5]"]).toMatchObject({ code: "missing-completed-at" });
    expect(byWhere["responses[8]"]).toMatchObject({ code: "duplicate", params: { other: "responses[9]" } });
    expect(byWhere["responses[9]"]).toMatchObject({ code: "duplicate", params: { other: "responses[8]" } });
    expect(byWhere["responses[10]"]).toMatchObject({ code: "invalid" });
    expect(byWhere["responses[10]"]?.reason).toMatch(/createdAt/);
    expect(notImported).toHaveLength(7);
    for (const n of notImported) expect(n.line).toBeGreaterThan(1);
  });

  it("a record nested too deep or not valid JSON is refused alone", async () => {
    const ok = make({ respondent: "Fine" });
    const text = `{"format":"survey-studio-responses","formatVersion":1,"responses":[\n${JSON.stringify(ok)},\n{"id": ${"[".repeat(100)}${"]".repeat(100)}},\n{"id": tru}\n]}`;
    const { summary, notImported } = await runJob([{ name: "deep.json", data: text }]);
    expect(summary.added).toBe(1);
    expect(notImported.map((n) => [n.where, n.code, n.line])).toEqual([
      ["responses[1]", "too-deep", 3],
      ["responses[2]", "not-json", 4],
    ]);
  });

  it("the same record in two files with different content: no copy is kept, both places named", async () => {
    const r = make({ respondent: "First" });
    const { summary, rows, notImported } = await runJob([
      { name: "a.json", data: fileText([r]) },
      { name: "b.json", data: fileText([{ ...r, data: { respondent: "Second" } }]) },
    ]);
    expect(summary.added).toBe(0);
    expect(rows.size).toBe(0);
    expect(notImported.map((n) => [n.file, n.where, n.params["other"]])).toEqual(
      expect.arrayContaining([
        ["b.json", "responses[0]", "a.json: responses[0]"],
        ["a.json", "responses[0]", "b.json: responses[0]"],
      ]),
    );
  });

  it("a file that cannot be read as a whole is refused, and what it stored is removed; the other files count", async () => {
    const good = make({ respondent: "Good" });
    const many = Array.from({ length: IMPORT_BATCH + 5 }, (_, i) => make({ respondent: `R${i}` }));
    const cut = fileText(many).slice(0, -40);
    const { summary, rows } = await runJob([
      { name: "good.json", data: fileText([good]) },
      { name: "cut.json", data: cut },
      { name: "other.json", data: JSON.stringify({ format: "other", formatVersion: 1, responses: [good] }) },
    ]);
    expect(summary.added).toBe(1);
    expect([...rows.keys()]).toEqual([good.id]);
    expect(summary.fileProblems.map((p) => p.file)).toEqual(["cut.json", "other.json"]);
    expect(summary.fileProblems[0]?.message).toMatch(/cut short/);
    expect(summary.fileProblems[1]?.message).toMatch(/survey-studio-responses/);
  });

  it("cancel stops the job and removes everything it stored", async () => {
    const many = Array.from({ length: IMPORT_BATCH * 3 }, (_, i) => make({ respondent: `R${i}` }));
    const mem = memoryStore();
    // The analyst cancels once the first batch of the big file is stored.
    const add = mem.store.add;
    mem.store.add = async (records) => {
      await add(records);
      if (records.length === IMPORT_BATCH) job.cancel();
    };
    const job = createImportJob(context, mem.store);
    const first = make({ respondent: "Earlier file" });
    const summary = await job.run([
      { name: "first.json", data: fileText([first]) },
      { name: "many.json", data: fileText(many) },
    ]);
    expect(summary.cancelled).toBe(true);
    expect(mem.calls.add).toBe(2);
    expect(mem.rows.size).toBe(0);
  });

  it("conflicts are settled by the analyst's choice", async () => {
    const a = make({ respondent: "A" });
    const b = make({ respondent: "B" });
    const { job, rows, conflicts } = await runJob(
      [{ name: "x.json", data: fileText([{ ...a, data: { respondent: "A2" } }, { ...b, data: { respondent: "B2" } }]) }],
      [a, b],
    );
    expect(conflicts.sort()).toEqual([a.id, b.id].sort());
    expect(await job.settle([a.id], "imported")).toEqual([a.id]);
    expect(await job.settle([b.id], "stored")).toEqual([b.id]);
    expect(rows.get(a.id)?.data).toEqual({ respondent: "A2" });
    expect(rows.get(b.id)?.data).toEqual({ respondent: "B" });
    expect(job.pendingConflicts()).toEqual([]);
  });

  it("a CSV: columns the survey does not have and rows of other surveys are reported", async () => {
    const records = [record({ respondent: "Ana", age: 30 }), record({ respondent: "Ben" }), record({ respondent: "Other version" }, { surveyVersion: 999 })];
    const text = csvExportToStrings(createCsvExport({ surveyId: "kitchen-sink", definitions: defs, records }))[0]?.text ?? "";
    const lines = text.split("\r\n");
    const withExtra = [
      `${lines[0]},mystery`,
      ...lines.slice(1, -1).map((l) => `${l},?`),
      // A row of another installed survey (its id in the survey_id column).
      `${(lines[1] ?? "").replace(/kitchen-sink/g, "workshop").replace(/00000000-0000-4000-8000-/, "11111111-0000-4000-8000-")},?`,
    ].join("\r\n");
    const { summary, notImported, rows } = await runJob([{ name: "export.csv", data: withExtra }]);
    expect(summary.added).toBe(2);
    expect([...rows.values()].map((r) => r.data["respondent"]).sort()).toEqual(["Ana", "Ben"]);
    expect(summary.columns).toEqual([
      expect.objectContaining({ file: "export.csv", column: "attachment", code: "file-names" }),
      expect.objectContaining({ file: "export.csv", column: "mystery", code: "no-question" }),
    ]);
    expect(notImported.map((n) => [n.where, n.code])).toEqual([
      ["line 4", "unknown-version"],
      ["line 5", "other-survey"],
    ]);
  });
});
