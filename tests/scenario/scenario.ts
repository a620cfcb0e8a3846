/**
 * A headless scenario driver (in the spirit of ODK Web Forms' `scenario` package): drives the
 * real response editor (src/responses/) on the real IndexedDB store (src/db/, on fake-indexeddb
 * in Node) with no DOM, and reads back what a user and an analyst would get — the stored record
 * and the response's row of the default CSV export.
 *
 *   const s = await Scenario.start("gfmd-workshop-feedback");
 *   s.answer("participant_type", "government");
 *   s.type("country_city", "Chișinău");        // typed, not committed (as before a blur)
 *   s.next();
 *   expect(s.complete().ok).toBe(true);
 *   expect(await s.stored()).toMatchObject({ status: "completed", revision: 1 });
 *   expect((await s.csvRow())?.["country_city"]).toBe("Chișinău");
 *
 * `kill()` drops the editor the way a killed tab does (nothing more is written; the journal in
 * the scenario's localStorage stays) and `resume()` opens the response again in a new editor.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRoot } from "solid-js";
import { createResponseRepository, createResponseStore } from "../../src/db/repository.ts";
import { StudioDatabase } from "../../src/db/database.ts";
import { createCsvExport, csvExportToStrings, surveyFileToExportDefinition } from "../../src/export/index.ts";
import { parseCsv } from "../../src/export/csv-reader.ts";
import type { ExportOptions } from "../../src/export/types.ts";
import { onResponseCompleted, type ResponseCompleted } from "../../src/responses/completions.ts";
import { createResponseEditor, openResponse, type ResponseEditor } from "../../src/responses/create-response-editor.ts";
import { createResponseJournal, type ResponseJournal } from "../../src/responses/journal.ts";
import type { ResponseStore } from "../../src/schema/response-change.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, surveyFileToDefinition, type SurveyFile } from "../../src/schema/survey-file.ts";
import type { QuestionHandle } from "../../src/survey/view.ts";
import { settled } from "../../src/survey/reactive.ts";

/** localStorage as a Map (the journal's home). */
export function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

/** A shipped survey file (surveys/<id>.json), parsed. */
export function shippedSurvey(id: string): SurveyFile {
  const text = readFileSync(join("surveys", `${id}.json`), "utf8");
  const parsed = parseSurveyFile(text, `${id}.json`);
  if (!parsed.ok) throw new Error(`surveys/${id}.json does not parse`);
  return parsed.file;
}

export interface ScenarioOptions {
  /** The database (default: a fresh one, deleted by `close`). */
  db?: StudioDatabase;
  /** The store the editor writes to (default: the Dexie store on `db`); wrap it to inject failures. */
  store?: (base: ResponseStore) => ResponseStore;
  /** localStorage for the journal (default: a fresh in-memory one); null: no journal. */
  storage?: Storage | null;
  language?: string;
  /** The editor's clock. */
  now?: () => Date;
}

export class Scenario {
  readonly completions: ResponseCompleted[] = [];
  private editor: ResponseEditor | undefined;
  private dispose: (() => void) | undefined;
  private stopListening: () => void;

  private constructor(
    readonly file: SurveyFile,
    readonly db: StudioDatabase,
    readonly store: ResponseStore,
    readonly journal: ResponseJournal | null,
    readonly responseId: string,
    private readonly ownsDb: boolean,
    private readonly now?: () => Date,
  ) {
    this.stopListening = onResponseCompleted((e) => {
      if (e.responseId === this.responseId) this.completions.push(e);
    });
  }

  /** A new response to a survey (a shipped survey's id, or a survey file), opened in an editor. */
  static async start(survey: string | SurveyFile, options: ScenarioOptions = {}): Promise<Scenario> {
    const file = typeof survey === "string" ? shippedSurvey(survey) : survey;
    const db = options.db ?? new StudioDatabase(`scenario-${crypto.randomUUID()}`);
    const base = createResponseStore(db);
    const store = options.store ? options.store(base) : base;
    const journal = options.storage === null ? null : createResponseJournal(options.storage ?? memoryStorage());
    const record = await createResponseRepository(db).create({ surveyId: file.id, surveyVersion: file.version, language: options.language ?? file.languages[0] ?? "en" });
    const s = new Scenario(file, db, store, journal, record.id, !options.db, options.now);
    await s.resume();
    return s;
  }

  /** Opens the response (again) in a new editor, after storing what the journal holds, as the fill page does. */
  async resume(): Promise<this> {
    this.close(false);
    const opened = await openResponse(this.store, this.responseId, this.journal);
    if (!opened) throw new Error(`response ${this.responseId} is not stored`);
    // This editor's "tab": once killed, nothing it does reaches storage or the journal any more.
    const tab = { alive: true };
    this.tab = tab;
    const never = new Promise<never>(() => {});
    const base = this.store;
    const store: ResponseStore = {
      get: (id) => (tab.alive ? base.get(id) : never),
      // A write handed over before the kill may still commit; the dead tab just never hears of it.
      apply: (id, change) => (tab.alive ? base.apply(id, change).then((r) => (tab.alive ? r : never)) : never),
      getFile: (fileId) => (tab.alive ? base.getFile(fileId) : never),
      put: (record) => (tab.alive ? base.put(record).then(() => (tab.alive ? undefined : never)) : never),
      reopen: () => (tab.alive ? base.reopen() : never),
    };
    const j = this.journal;
    const journal: ResponseJournal | null = j && {
      ...j,
      write: (id, writer, change) => (tab.alive ? j.write(id, writer, change) : false),
      clear: (id, writer) => (tab.alive ? j.clear(id, writer) : undefined),
    };
    createRoot((dispose) => {
      this.dispose = dispose;
      this.editor = createResponseEditor({ store, opened, definition: surveyFileToDefinition(this.file), journal, channel: false, ...(this.now ? { now: this.now } : {}) });
    });
    await settled();
    return this;
  }

  private tab = { alive: true };

  get current(): ResponseEditor {
    if (!this.editor) throw new Error("no editor: the scenario was killed or closed; call resume()");
    return this.editor;
  }

  private question(name: string): QuestionHandle {
    const q = this.current.session().model.getQuestionByName(name);
    if (!q) throw new Error(`no question "${name}" in ${this.file.id}`);
    return q as unknown as QuestionHandle;
  }

  /** Gives an answer as a control does once it commits (survey-core `setValue`). */
  answer(name: string, value: unknown): this {
    this.question(name);
    this.current.session().model.setValue(name, value);
    return this;
  }

  /** Types text into a text box without committing it (no blur yet): saved all the same. */
  type(name: string, text: string): this {
    this.current.session().stageText(this.question(name), text);
    return this;
  }

  next(): boolean {
    return this.current.session().next().ok;
  }

  prev(): this {
    this.current.session().prev();
    return this;
  }

  /** Goes to a page by name. */
  goTo(pageName: string): this {
    const s = this.current.session();
    const index = s.pages().findIndex((p) => (p as unknown as { name: string }).name === pageName);
    if (index < 0) throw new Error(`no visible page "${pageName}"`);
    s.goToPage(index);
    return this;
  }

  setLanguage(language: string): this {
    this.current.session().setLanguage(language);
    return this;
  }

  complete() {
    return this.current.complete();
  }

  reopen(): this {
    this.current.reopen();
    return this;
  }

  /** Resolves once everything given so far is stored. */
  async flush(): Promise<this> {
    await settled();
    await this.current.flush();
    return this;
  }

  /** The record as stored in IndexedDB (read raw, as the export and other tabs see it). */
  async stored(): Promise<ResponseRecord | undefined> {
    return this.db.responses.get(this.responseId);
  }

  /** The response's row of the CSV export (default options: completed responses only), by column name; undefined when not exported. */
  async csvRow(options: Partial<ExportOptions> = {}): Promise<Record<string, string> | undefined> {
    const records = await this.db.responses.where("surveyId").equals(this.file.id).toArray();
    const exp = createCsvExport({ surveyId: this.file.id, definitions: [surveyFileToExportDefinition(this.file)], records }, { bom: false, ...options });
    const main = csvExportToStrings(exp)[0];
    if (!main) return undefined;
    const { rows } = parseCsv(main.text);
    const [header, ...data] = rows;
    const idAt = header?.indexOf("response_id") ?? -1;
    const row = data.find((r) => r[idAt] === this.responseId);
    return row && header ? Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])) : undefined;
  }

  /**
   * Kills the editor's tab: from now on nothing it does reaches IndexedDB or the journal (a write
   * already handed to IndexedDB may still commit, unheard), and its cleanup has no effect. The last
   * action's task has finished first (its microtasks ran), as for an input event before a kill.
   */
  async kill(): Promise<this> {
    // A task ends only once its microtask queue is empty: let the action's microtasks run out.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    this.tab.alive = false;
    // Its memory goes with it: disposing now reaches neither storage nor the journal.
    this.dispose?.();
    this.editor = undefined;
    this.dispose = undefined;
    return this;
  }

  /** Closes the editor (what is pending is still written, as when leaving the page). */
  close(deleteDb = true): void {
    this.dispose?.();
    this.dispose = undefined;
    this.editor = undefined;
    if (deleteDb) {
      this.stopListening();
      if (this.ownsDb) {
        this.db.close();
        void this.db.delete();
      }
    }
  }
}
