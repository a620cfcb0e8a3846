import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { StudioDatabase } from "../../src/db/database.ts";
import { createFileRepository } from "../../src/db/files.ts";
import { createResponseRepository } from "../../src/db/repository.ts";
import { fileRefsIn, isFileRef } from "../../src/schema/file-ref.ts";
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
  it("are stored as Blobs, counted, found by response, and deleted with their response", async () => {
    const db = database();
    const files = createFileRepository(db);
    const responses = createResponseRepository(db);
    const r = await responses.create({ surveyId: "s", surveyVersion: 1, language: "en" });
    const other = await responses.create({ surveyId: "s", surveyVersion: 1, language: "en" });
    const ref = await files.put({ responseId: r.id, question: "report", name: "a.txt", type: "text/plain", blob: new Blob(["hello"], { type: "text/plain" }) });
    await files.put({ responseId: other.id, question: "report", name: "b.txt", type: "text/plain", blob: new Blob(["hi"]) });
    expect(isFileRef(ref)).toBe(true);
    const stored = await files.get(ref);
    expect(stored).toMatchObject({ responseId: r.id, question: "report", name: "a.txt", size: 5 });
    expect(await stored!.blob.text()).toBe("hello");
    expect(await files.usage()).toEqual({ count: 2, bytes: 7 });
    expect((await files.forResponse(r.id)).map((f) => f.name)).toEqual(["a.txt"]);

    await responses.remove(r.id);
    expect(await files.get(ref)).toBeUndefined();
    expect(await files.usage()).toEqual({ count: 1, bytes: 2 });
    db.close();
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
