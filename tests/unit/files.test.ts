import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { StudioDatabase } from "../../src/db/database.ts";
import { createFileRepository } from "../../src/db/files.ts";
import { createRoot } from "solid-js";
import { createResponseRepository, createResponseStore } from "../../src/db/repository.ts";
import { createResponseEditor } from "../../src/responses/create-response-editor.ts";
import { createResponseJournal } from "../../src/responses/journal.ts";
import { fileRefId, fileRefsIn, isFileRef } from "../../src/schema/file-ref.ts";
import { isEmptyChange, mergeResponseChanges, type ResponseChange, type ResponseStore } from "../../src/schema/response-change.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { createMemoryFileStore, fileAccepted } from "../../src/survey/files.ts";
import { settled } from "../../src/survey/reactive.ts";
import * as v from "../../src/survey/view.ts";

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});
function database() {
  const name = `files-${crypto.randomUUID()}`;
  names.push(name);
  return new StudioDatabase(name);
}

describe("files given as answers, on the device", () => {
  it("go through the response editor's queue: shown from memory until stored, stored with their response, removed, never journaled, deleted with the response", async () => {
    const db = database();
    const responses = createResponseRepository(db);
    const r = await responses.create({ surveyId: "s", surveyVersion: 1, language: "en" });
    const store = createResponseStore(db);
    // Writes held until released, to see the file before it is stored.
    let release = () => {};
    let gate: Promise<void> | undefined = new Promise<void>((res) => (release = res));
    const writes: ResponseChange[] = [];
    const held: ResponseStore = { ...store, apply: async (id, change) => (writes.push(change), await gate, store.apply(id, change)) };
    const journaled: string[] = [];
    const journal = { ...createResponseJournal(undefined), write: (_id: string, _w: string, change: ResponseChange) => (journaled.push(JSON.stringify(change)), true) };
    let dispose = () => {};
    const editor = createRoot((d) => {
      dispose = d;
      return createResponseEditor({ store: held, opened: { record: r }, definition: { elements: [{ type: "file", name: "report" }, { type: "text", name: "note" }] }, journal, channel: false });
    });
    const q = editor.session().model.getQuestionByName("report") as unknown as v.QuestionHandle;
    v.chooseFiles(q, [new File(["hello"], "a.txt", { type: "text/plain" })], (n) => `refused ${n}`);
    await new Promise((res) => setTimeout(res, 10));
    await settled();
    const ref = (editor.session().snapshot().data["report"] as { content: string }[])[0]!.content;
    expect(isFileRef(ref)).toBe(true);
    // Queued, not stored yet: the session shows it from memory.
    expect(await db.files.count()).toBe(0);
    expect(await (await editor.session().files.get(ref))!.blob.text()).toBe("hello");
    // The journal holds the answer, never the Blob.
    expect(journaled.some((j) => j.includes(ref))).toBe(true);
    expect(journaled.some((j) => j.includes('"files"'))).toBe(false);
    gate = undefined;
    release();
    await editor.flush();
    // The file was queued ahead of the answer that refers to it.
    const order = writes.flatMap((w) => [...(w.files?.put ?? []).map((f) => `file ${f.name}`), ...(w.set["report"] ? ["answer"] : [])]);
    expect(order.indexOf("file a.txt")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("file a.txt")).toBeLessThan(order.indexOf("answer"));
    const stored = await store.getFile(fileRefId(ref));
    expect(stored).toMatchObject({ responseId: r.id, question: "report", name: "a.txt", size: 5 });
    expect(await stored!.blob.text()).toBe("hello");
    expect(((await store.get(r.id))!.data["report"] as { content: string }[])[0]!.content).toBe(ref);
    const files = createFileRepository(db);
    expect(await files.usage()).toEqual({ count: 1, bytes: 5 });
    expect((await files.forResponse(r.id)).map((f) => f.name)).toEqual(["a.txt"]);

    // Removed by the respondent: through the queue as well.
    v.dropFile(q, ref, editor.session().files);
    await editor.flush();
    expect(await db.files.count()).toBe(0);
    expect((await store.get(r.id))!.data["report"]).toBeUndefined();

    // Deleting a response deletes its files.
    v.chooseFiles(q, [new File(["again"], "b.txt", { type: "text/plain" })], (n) => `refused ${n}`);
    await new Promise((res) => setTimeout(res, 10));
    await editor.flush();
    expect(await files.usage()).toEqual({ count: 1, bytes: 5 });
    dispose();
    await responses.remove(r.id);
    expect(await files.usage()).toEqual({ count: 0, bytes: 0 });
    db.close();
  });

  it("a file added and removed before either is stored is neither stored nor deleted", () => {
    const file = (id: string) => ({ id, responseId: "r", question: "q", name: `${id}.txt`, type: "text/plain", size: 1, blob: new Blob(["x"]), createdAt: "2026-01-01T00:00:00.000Z" });
    const at = "2026-01-01T00:00:00.000Z";
    const merged = mergeResponseChanges(
      mergeResponseChanges({ set: {}, unset: [], meta: {}, at, files: { put: [file("a"), file("b")], remove: ["old"] } }, { set: { q: 1 }, unset: [], meta: {}, at }),
      { set: {}, unset: [], meta: {}, at, files: { put: [], remove: ["a", "other"] } },
    );
    expect(merged.files!.put.map((f) => f.id)).toEqual(["b"]);
    expect(merged.files!.remove).toEqual(["old", "other"]);
    expect(merged.set).toEqual({ q: 1 });
    expect(isEmptyChange({ set: {}, unset: [], meta: {}, at, files: { put: [], remove: ["a"] } })).toBe(false);
  });

  it("finds every reference in an answer, however nested", () => {
    const data = { report: [{ name: "a", type: "t", content: "studio-file:1" }], sig: "studio-file:2", members: [{ photo: [{ content: "studio-file:3" }] }], text: "studio-file:" };
    expect(fileRefsIn(data)).toEqual(["studio-file:1", "studio-file:2", "studio-file:3"]);
  });

  it("accepts the types acceptedTypes names: extensions, MIME types, families", () => {
    expect(fileAccepted(".pdf, image/*,text/plain", { name: "Report.PDF", type: "" })).toBe(true);
    expect(fileAccepted(".pdf, image/*,text/plain", { name: "x.jpeg", type: "image/jpeg" })).toBe(true);
    expect(fileAccepted(".pdf, image/*,text/plain", { name: "notes.txt", type: "text/plain" })).toBe(true);
    expect(fileAccepted(".pdf, image/*,text/plain", { name: "run.exe", type: "application/x-msdownload" })).toBe(false);
    expect(fileAccepted(undefined, { name: "anything.bin", type: "" })).toBe(true);
  });
});

describe("a file question in a session", () => {
  const definition = {
    elements: [
      { type: "file", name: "report", acceptedTypes: ".txt,.pdf", maxSize: 10 },
      { type: "file", name: "photos", allowMultiple: true, maxFiles: 2 },
      { type: "signaturepad", name: "sig" },
    ],
  };

  it("keeps the files in the store and references in the answer, not data URLs", async () => {
    const store = createMemoryFileStore();
    const session = createSurveySession({ definition, files: store });
    const q = session.model.getQuestionByName("photos") as unknown as v.QuestionHandle;
    v.chooseFiles(q, [new File(["one"], "one.jpg", { type: "image/jpeg" }), new File(["two!"], "two.png", { type: "image/png" })], (n) => `refused ${n}`);
    await new Promise((r) => setTimeout(r, 10));
    await settled();
    const value = session.snapshot().data["photos"] as { name: string; type: string; content: string }[];
    expect(value.map((f) => [f.name, f.type, isFileRef(f.content)])).toEqual([
      ["one.jpg", "image/jpeg", true],
      ["two.png", "image/png", true],
    ]);
    expect(await (await store.get(value[1]!.content))!.blob.text()).toBe("two!");
    expect(JSON.stringify(session.snapshot().data)).not.toContain("base64");

    // maxFiles: a third file is refused by survey-core, with its message.
    v.chooseFiles(q, [new File(["3"], "three.png", { type: "image/png" })], (n) => `refused ${n}`);
    expect(v.errors(q).length).toBe(1);

    // Removing a file takes it out of the answer and of the store.
    v.dropFile(q, value[0]!.content, store);
    await new Promise((r) => setTimeout(r, 10));
    expect((session.snapshot().data["photos"] as unknown[]).length).toBe(1);
    expect(await store.get(value[0]!.content)).toBeUndefined();
    session.dispose();
  });

  it("refuses a type acceptedTypes leaves out, and a file over maxSize", async () => {
    const session = createSurveySession({ definition });
    const q = session.model.getQuestionByName("report") as unknown as v.QuestionHandle;
    v.chooseFiles(q, [new File(["x"], "run.exe", { type: "application/octet-stream" })], (n) => `refused ${n}`);
    expect(v.errors(q)).toEqual(["refused run.exe"]);
    v.chooseFiles(q, [new File(["more than ten bytes"], "big.txt", { type: "text/plain" })], (n) => `refused ${n}`);
    expect(v.errors(q)[0]).toMatch(/10 Bytes|exceed/i);
    await new Promise((r) => setTimeout(r, 10));
    expect(session.snapshot().data["report"]).toBeUndefined();
    session.dispose();
  });
});
