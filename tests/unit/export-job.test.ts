import { unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import { createExportJob, ExportCancelled, RECORDS_PER_MESSAGE, type WorkerLike } from "../../src/workers/create-export-job.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { createExportWorkerHandler, runExportJob, type ExportJobMessage, type ExportJobRequest, type ExportWorkerRequest } from "../../src/export/export-job.ts";
import { surveyFileToExportDefinition, type ExportInput } from "../../src/export/plan.ts";
import { StudioDatabase } from "../../src/db/database.ts";
import { readSurveyRecords } from "../../src/db/response-meta.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";

const parsed = parseSurveyFile(readFileSync(resolve(import.meta.dirname, "../../surveys/unct-migration-capacity.json"), "utf8"), "capacity");
if (!parsed.ok) throw new Error("does not parse");
const file = parsed.file;
const input: ExportInput = { surveyId: file.id, definitions: [surveyFileToExportDefinition(file)], records: generateResponses(file, { count: 400, seed: 11 }) };

async function collect(request: ExportJobRequest, isCancelled: () => boolean = () => false): Promise<ExportJobMessage[]> {
  const messages: ExportJobMessage[] = [];
  await runExportJob(request, (m) => messages.push(m), isCancelled, async () => undefined);
  return messages;
}

/** A Worker stand-in that runs the worker's own handler in this thread, asynchronously like a real worker. */
function fakeWorker(readRecords?: (surveyId: string) => AsyncIterable<readonly ResponseRecord[]>): WorkerLike & { terminated: boolean; messages: number } {
  const w: WorkerLike & { terminated: boolean; messages: number } = {
    onmessage: null,
    onerror: null,
    terminated: false,
    messages: 0,
    postMessage(message: unknown) {
      w.messages++;
      setTimeout(() => {
        if (!w.terminated) handle(message as ExportWorkerRequest);
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  const handle = createExportWorkerHandler((out) => {
    if (!w.terminated) w.onmessage?.({ data: out } as MessageEvent);
  }, readRecords);
  return w;
}

describe("export job (what the worker runs)", () => {
  it("posts progress, then the CSV and the codebook as Blobs", async () => {
    const messages = await collect({ type: "start", input });
    const progress = messages.filter((m) => m.type === "progress");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const last = progress[progress.length - 1];
    expect(last && last.type === "progress" && last.done).toBe(last && last.type === "progress" && last.total);
    const done = messages[messages.length - 1];
    if (done?.type !== "done") throw new Error(`expected done, got ${JSON.stringify(done)}`);
    const expected = csvExportToStrings(createCsvExport(input));
    expect(done.files.map((f) => f.name)).toEqual(expected.map((f) => f.name));
    expect(done.files[0]?.blob.type).toBe("text/csv;charset=utf-8");
    expect(Buffer.from(await (done.files[0] as { blob: Blob }).blob.arrayBuffer()).toString("utf8")).toBe(expected[0]?.text);
    expect(done.summary.responses).toBe(input.records.filter((r) => r.status === "completed").length);
  });

  it("makes one ZIP when repeats are files", async () => {
    const messages = await collect({ type: "start", input, options: { repeats: "files" }, zipTime: Date.UTC(2026, 0, 1) });
    const done = messages[messages.length - 1];
    if (done?.type !== "done") throw new Error("expected done");
    expect(done.files.map((f) => [f.name, f.blob.type])).toEqual([["unct-migration-capacity.zip", "application/zip"]]);
    const zip = unzipSync(new Uint8Array(await (done.files[0] as { blob: Blob }).blob.arrayBuffer()));
    expect(Object.keys(zip)).toEqual(["unct-migration-capacity.csv", "unct-migration-capacity-initiatives.csv", "unct-migration-capacity-codebook.csv"]);
  });

  it("stops when cancelled", async () => {
    let checks = 0;
    const messages = await collect({ type: "start", input }, () => ++checks > 2);
    expect(messages[messages.length - 1]).toEqual({ type: "cancelled" });
    expect(messages.some((m) => m.type === "done")).toBe(false);
  });

  it("reports an error it cannot export", async () => {
    const messages = await collect({ type: "start", input: { ...input, surveyId: "missing" } });
    expect(messages).toEqual([{ type: "error", message: 'no definition of the survey "missing" was given' }]);
  });
});

describe("createExportJob", () => {
  it("resolves with the files and reports progress", async () => {
    const seen: number[] = [];
    const worker = fakeWorker();
    const job = createExportJob({ input }, { createWorker: () => worker, onProgress: (p) => seen.push(p.done) });
    const result = await job.result;
    expect(result.files.map((f) => f.name)).toEqual(["unct-migration-capacity.csv", "unct-migration-capacity-codebook.csv"]);
    expect(seen.length).toBeGreaterThan(0);
    expect(job.progress().done).toBe(job.progress().total);
    expect(worker.terminated).toBe(true);
    // start, 400 records in one batch, end
    expect(worker.messages).toBe(3);
  });

  it("takes records as batches from an async source, and sends big batches in parts", async () => {
    async function* pages() {
      yield input.records.slice(0, 150);
      yield input.records.slice(150);
    }
    const worker = fakeWorker();
    const job = createExportJob({ input: { ...input, records: pages() }, options: { includeDrafts: true } }, { createWorker: () => worker });
    const result = await job.result;
    expect(result.summary.responses).toBe(400);
    expect(worker.messages).toBe(4);
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...input.records[i % 400], id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` })) as ExportInput["records"];
    const w2 = fakeWorker();
    const r2 = await createExportJob({ input: { ...input, records: many }, options: { includeDrafts: true } }, { createWorker: () => w2 }).result;
    expect(r2.summary.responses).toBe(2500);
    expect(w2.messages).toBe(2 + Math.ceil(2500 / RECORDS_PER_MESSAGE));
  });

  it("cancel() terminates the worker and rejects the result", async () => {
    const worker = fakeWorker();
    const job = createExportJob({ input }, { createWorker: () => worker });
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(ExportCancelled);
    expect(worker.terminated).toBe(true);
  });

  it("rejects with the worker's error message", async () => {
    const job = createExportJob({ input: { ...input, surveyId: "missing" } }, { createWorker: fakeWorker });
    await expect(job.result).rejects.toThrow('no definition of the survey "missing" was given');
  });
});

describe("export from the database (the worker reads IndexedDB itself)", () => {
  const fewFile = parseSurveyFile(readFileSync(resolve(import.meta.dirname, "../../surveys/gfmd-workshop-feedback.json"), "utf8"), "gfmd");
  if (!fewFile.ok) throw new Error("does not parse");
  // 400 capacity responses and 25 of another survey, their random ids interleaved.
  const few = generateResponses(fewFile.file, { count: 25, seed: 5 });
  let db: StudioDatabase;
  beforeEach(async () => {
    db = new StudioDatabase(`export-${crypto.randomUUID()}`);
    await db.responses.bulkPut([...(input.records as ResponseRecord[]), ...few]);
  });
  afterEach(async () => {
    await db.delete();
  });

  const ids = (records: readonly { id: string }[]) => records.map((r) => r.id).sort();
  async function readAll(surveyId: string, batchSize: number) {
    const batches: ResponseRecord[][] = [];
    for await (const b of readSurveyRecords(surveyId, { db, batchSize })) batches.push(b);
    return batches;
  }

  it("reads every record of the survey once, and no other, in batches (by key range or one by one)", async () => {
    // Capacity's batches are dense key ranges (read as ranges); the other survey's one batch spans
    // nearly every capacity id (read record by record).
    const many = await readAll(file.id, 50);
    expect(many.length).toBe(8);
    expect(ids(many.flat())).toEqual(ids(input.records));
    expect(many.flat()[0]).toEqual(input.records.find((r) => r.id === many.flat()[0]?.id));
    const other = await readAll(fewFile.file.id, 50);
    expect(ids(other.flat())).toEqual(ids(few));
    expect(await readAll("no-such-survey", 50)).toEqual([]);
    expect(db.isOpen()).toBe(true);
  });

  it("start-from-db: the worker reads the survey's records and writes the same files", async () => {
    const messages: ExportJobMessage[] = [];
    const handle = createExportWorkerHandler((m) => messages.push(m), (id) => readSurveyRecords(id, { db, batchSize: 64 }));
    handle({ type: "start-from-db", surveyId: file.id, definitions: input.definitions, options: { includeDrafts: true } });
    await expect.poll(() => messages[messages.length - 1]?.type).toBe("done");
    const done = messages[messages.length - 1];
    if (done?.type !== "done") throw new Error("expected done");
    const expected = csvExportToStrings(createCsvExport(input, { includeDrafts: true }));
    expect(done.summary.responses).toBe(400);
    expect(await Promise.all(done.files.map(async (f) => Buffer.from(await f.blob.arrayBuffer()).toString("utf8")))).toEqual(expected.map((f) => f.text));
  });

  it("createExportJob with records from the database posts one message and clones no records", async () => {
    const worker = fakeWorker((id) => readSurveyRecords(id, { db }));
    const job = createExportJob({ input: { surveyId: file.id, definitions: input.definitions, records: "database" } }, { createWorker: () => worker });
    const result = await job.result;
    expect(result.summary.responses).toBe(input.records.filter((r) => r.status === "completed").length);
    expect(result.files.map((f) => f.name)).toEqual(["unct-migration-capacity.csv", "unct-migration-capacity-codebook.csv"]);
    expect(worker.messages).toBe(1);
  });

  it("stops reading when cancelled, and reports a worker that cannot read the database", async () => {
    const messages: ExportJobMessage[] = [];
    let handle: (m: ExportWorkerRequest) => void = () => undefined;
    async function* slow(id: string) {
      let n = 0;
      for await (const batch of readSurveyRecords(id, { db, batchSize: 50 })) {
        if (++n === 2) handle({ type: "cancel" });
        yield batch;
      }
    }
    handle = createExportWorkerHandler((m) => messages.push(m), slow);
    handle({ type: "start-from-db", surveyId: file.id, definitions: input.definitions });
    await expect.poll(() => messages.length).toBe(1);
    expect(messages).toEqual([{ type: "cancelled" }]);

    const errors: ExportJobMessage[] = [];
    createExportWorkerHandler((m) => errors.push(m))({ type: "start-from-db", surveyId: file.id, definitions: input.definitions });
    await expect.poll(() => errors).toEqual([{ type: "error", message: "this export worker cannot read the database" }]);
  });
});
