import { createMemo, createSignal, onCleanup, untrack, type Accessor } from "solid-js";
import { applyResponseChange, isEmptyChange, mergeResponseChanges, withoutFiles, type ResponseChange } from "../schema/response-change.ts";
import { fileRef, fileRefId, isFileRef, type StoredFile } from "../schema/file-ref.ts";
import type { ComponentDefinition } from "../schema/survey-file.ts";
import type { FileStore } from "../survey/files.ts";
import type { ResponseRecord, ResponseStatus } from "../schema/response.ts";
import { createSurveySession, type NavigationResult, type SessionSnapshot, type SurveySession } from "../survey/create-survey-session.ts";
import { announceCompleted, type ResponseCompleted } from "./completions.ts";
import { defaultJournal, markWriterLive, recoverUnsaved, type ResponseJournal } from "./journal.ts";
import { responseProgress } from "../schema/response-rules.ts";
import type { StorageFailureKind } from "./storage-failure.ts";
import type { AppliedChange, ResponseStore } from "../schema/response-change.ts";
import { createTabChannel, decideRemoteChange, TAB_ID, type TabMessage } from "./tab-channel.ts";
import { createWriteBehind, type SaveState } from "./write-behind.ts";

/** A response as opened: the stored record, and what the journal held that could not be stored yet. */
export interface OpenedResponse {
  record: ResponseRecord;
  /** Changes recovered from the journal that storage refused for now: the editor writes them. */
  unstored?: ResponseChange;
}

/**
 * Reads a response for editing, after storing whatever killed tabs left of it in the journal.
 * Undefined when there is no such response.
 */
export async function openResponse(store: ResponseStore, id: string, journal: ResponseJournal | null = defaultJournal()): Promise<OpenedResponse | undefined> {
  const unstored = journal ? await recoverUnsaved(store, journal, [id]) : new Map<string, ResponseChange>();
  const record = await store.get(id);
  if (!record) return undefined;
  const change = unstored.get(id);
  return change ? { record, unstored: change } : { record };
}

export interface ResponseEditorOptions {
  store: ResponseStore;
  opened: OpenedResponse;
  /** The SurveyJS definition of the response's survey version (no envelope). */
  definition: Record<string, unknown>;
  /** The survey file's own custom question types (its envelope's `components`). */
  components?: readonly ComponentDefinition[];
  /** The journal of unstored answers; null: none (to measure what it is for). */
  journal?: ResponseJournal | null;
  /** Keep other tabs with the same response in step (BroadcastChannel); default true. */
  channel?: boolean;
  now?: () => Date;
}

export interface Conflict {
  key: string;
  /** The question's title, as plain text. */
  question: string;
}

export interface ResponseEditor {
  readonly id: string;
  readonly surveyId: string;
  /** The survey session to render (a new one when the response is completed or reopened). */
  readonly session: Accessor<SurveySession>;
  readonly status: Accessor<ResponseStatus>;
  readonly completedAt: Accessor<string | null>;
  /** The stored revision, as last confirmed by the store. */
  readonly revision: Accessor<number>;
  /** True while the response is completed: answers are shown, not edited. */
  readonly readOnly: Accessor<boolean>;
  /** Completed here, in this visit (for the thank-you message). */
  readonly justCompleted: Accessor<boolean>;
  readonly saveState: Accessor<SaveState>;
  readonly failure: Accessor<string | undefined>;
  readonly failureKind: Accessor<StorageFailureKind | undefined>;
  /** When a write last worked (ms since epoch); undefined before the first one. */
  readonly lastSavedAt: Accessor<number | undefined>;
  readonly journalOk: Accessor<boolean>;
  /** Answers of this tab that another tab's later change replaced. */
  readonly conflicts: Accessor<Conflict[]>;
  /** Checks every page; when valid, completes the response (stored through the queue). */
  complete(): NavigationResult;
  /** Back to draft; the revision stays. */
  reopen(): void;
  /** Tries a failed write again now. */
  retry(): void;
  dismissConflict(key: string): void;
  /** Resolves when everything given so far is stored; rejects when it cannot be. */
  flush(): Promise<void>;
  /** The response with everything given so far, stored or not (for "download unsaved answers"). */
  unsavedRecord(): ResponseRecord;
  /** Calls `listener` once each completion made in this editor is stored. */
  onCompleted(listener: (e: ResponseCompleted) => void): () => void;
  /** For tests: hold messages from other tabs back (true) and deliver them (false). */
  holdRemoteChanges(hold: boolean): void;
  /** For tests: the state in memory. */
  debugState(): { data: Record<string, unknown>; currentPage: string | null; language: string; progress: number; status: ResponseStatus; completedAt: string | null; revision: number; saveState: SaveState; derived: string[] };
}

let writers = 0;
const json = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

/**
 * The response editor: owns one response from open to close, like a sync client. It holds the
 * survey session (answers, page, language), the status (complete, reopen), and sends every
 * change through one write-behind queue (so a later write can never undo an earlier change),
 * journals what is not stored yet, and keeps other tabs with the same response in step.
 * Must be created under a Solid owner; it is closed with it (what is pending is still written).
 */
export function createResponseEditor(options: ResponseEditorOptions): ResponseEditor {
  const { store } = options;
  const journal = options.journal === undefined ? defaultJournal() : options.journal;
  const now = options.now ?? (() => new Date());
  const opened = options.opened;
  const id = opened.record.id;
  const writer = `${TAB_ID}.${++writers}`;
  const unmarkWriter = markWriterLive(writer);
  // What the respondent sees: the stored record, with what the journal held and storage refused.
  const initial: ResponseRecord = opened.unstored ? applyResponseChange(structuredClone(opened.record), opened.unstored).record : opened.record;

  const [status, setStatus] = createSignal<ResponseStatus>(initial.status);
  const [completedAt, setCompletedAt] = createSignal<string | null>(initial.completedAt);
  const [revision, setRevision] = createSignal(initial.revision);
  const [justCompleted, setJustCompleted] = createSignal(false);
  const [conflicts, setConflicts] = createSignal<Conflict[]>([]);
  const readOnly = () => status() === "completed";
  const completionListeners = new Set<(e: ResponseCompleted) => void>();

  // Journalled with every entry: enough to rebuild the response if the database itself is lost.
  const origin = { surveyId: initial.surveyId, surveyVersion: initial.surveyVersion, createdAt: initial.createdAt };
  const queue = createWriteBehind<ResponseChange, AppliedChange>({
    async write(change) {
      const applied = await store.apply(id, change);
      if (applied) return applied;
      // Deleted in another tab while open here: nothing given is dropped, the response is put back whole.
      const whole = unsavedRecord();
      await store.put(whole);
      if (change.files) await store.apply(id, { set: {}, unset: [], meta: {}, at: change.at, files: change.files });
      return { surveyId: whole.surveyId, status: whole.status, completedAt: whole.completedAt, revision: whole.revision, newRevision: false };
    },
    merge: mergeResponseChanges,
    // localStorage holds text: files wait in memory (and in the queue) until IndexedDB has them.
    journal: journal ? { write: (u) => journal.write(id, writer, withoutFiles(u), origin), clear: () => journal.clear(id, writer) } : undefined,
    beforeRetry: () => store.reopen(),
    onStored(change, applied) {
      for (const f of change.files?.put ?? []) pendingFiles.delete(f.id);
      setRevision(applied.revision);
      if (applied.newRevision && applied.completedAt) {
        const e: ResponseCompleted = { responseId: id, surveyId: applied.surveyId, revision: applied.revision, completedAt: applied.completedAt };
        announceCompleted(e);
        for (const l of [...completionListeners]) l(e);
      }
    },
    measure: "studio:answer-to-idb",
  });
  if (opened.unstored) queue.push(opened.unstored);

  // ---------- files given as answers ----------
  /** Files queued and not stored yet, by id: shown (previews, downloads) from memory meanwhile. */
  const pendingFiles = new Map<string, StoredFile>();
  /**
   * The session's file store: a file goes through the queue like an answer, ahead of the answer
   * that refers to it (survey-core sets that answer once `put` resolves), in the same write.
   */
  const files: FileStore = {
    async put(f) {
      flushBatch();
      const fileId = crypto.randomUUID();
      const row: StoredFile = { id: fileId, responseId: id, question: f.question, name: f.name, type: f.type, size: f.blob.size, blob: f.blob, createdAt: now().toISOString() };
      pendingFiles.set(fileId, row);
      queue.push({ set: {}, unset: [], meta: {}, at: row.createdAt, files: { put: [row], remove: [] } });
      return fileRef(fileId);
    },
    async get(ref) {
      if (!isFileRef(ref)) return undefined;
      const fileId = fileRefId(ref);
      return pendingFiles.get(fileId) ?? (await store.getFile(fileId));
    },
    async remove(ref) {
      if (!isFileRef(ref)) return;
      flushBatch();
      pendingFiles.delete(fileRefId(ref));
      queue.push({ set: {}, unset: [], meta: {}, at: now().toISOString(), files: { put: [], remove: [fileRefId(ref)] } });
    },
  };

  // ---------- change tracking ----------
  /** The session whose changes are tracked. */
  let current: SurveySession | undefined;
  /** JSON of each answer as last queued (or as stored when the session opened). */
  let known = new Map<string, string>();
  /** survey-core's own reference of each value when a full comparison last looked at it (it replaces a value it changes). */
  let refs = new Map<string, unknown>();
  /** Keys survey-core named since the last batch. */
  const touched = new Set<string>();
  /** Keys the survey computes: looked at in every batch (a calculated value changes without an event). */
  let derived: string[] = [];
  /** Page, language or visible pages moved (or the session is new): everything is compared, the metadata too. */
  let structural = false;
  /** Metadata as last queued. */
  const lastMeta = { currentPage: initial.currentPage, language: initial.language, progress: initial.progress };
  let batchQueued = false;

  // Other tabs: when the value this tab holds for a key was made; keys the person in this tab changed.
  const editAt = new Map<string, number>();
  const ownKeys = new Set<string>();
  let heldMessages: Extract<TabMessage, { type: "answers" }>[] | undefined;

  const schedule = () => {
    if (batchQueued) return;
    batchQueued = true;
    queueMicrotask(() => batchQueued && batch(false));
  };

  /**
   * Queues what changed since the last batch. An answer costs what it changed: the keys
   * survey-core named and the computed ones are compared with what was last queued; only a
   * change of page, language or visible pages compares every key (and the metadata). Answers
   * this tab changed are told to other tabs; `external` ones came from another tab.
   */
  const batch = (external: boolean) => {
    batchQueued = false;
    const s = current;
    if (!s) return;
    const snap = structural ? s.snapshot() : undefined;
    for (const k of touched) refs.delete(k);
    if (snap) {
      for (const k in snap.data) {
        const v = snap.data[k];
        if (refs.has(k) && refs.get(k) === v) continue;
        refs.set(k, v);
        if (json(v) !== known.get(k)) touched.add(k);
      }
      for (const k of known.keys()) {
        if (snap.data[k] !== undefined) continue;
        touched.add(k);
        refs.delete(k);
      }
    }
    for (const k of derived) touched.add(k);
    const at = now();
    const atMs = at.getTime();
    const change: ResponseChange = { set: {}, unset: [], meta: {}, at: at.toISOString() };
    const prev: Record<string, string | undefined> = {};
    for (const k of touched) {
      const v = snap ? snap.data[k] : s.value(k);
      const j = json(v);
      const old = known.get(k);
      if (j === old) continue;
      if (!external) prev[k] = old;
      if (j === undefined) {
        change.unset.push(k);
        known.delete(k);
      } else {
        change.set[k] = v;
        known.set(k, j);
      }
    }
    touched.clear();
    if (snap) {
      structural = false;
      const progress = responseProgress(untrack(status), s.pageIndex(), s.pageCount());
      if (snap.currentPage !== lastMeta.currentPage) change.meta.currentPage = lastMeta.currentPage = snap.currentPage;
      if (snap.language !== lastMeta.language) change.meta.language = lastMeta.language = snap.language;
      if (progress !== lastMeta.progress) change.meta.progress = lastMeta.progress = progress;
    }
    if (isEmptyChange(change)) return;
    queue.push(change);
    if (external || (change.unset.length === 0 && Object.keys(change.set).length === 0)) return;
    for (const k of [...Object.keys(change.set), ...change.unset]) {
      editAt.set(k, atMs);
      ownKeys.add(k);
    }
    channel?.postAnswers({ set: change.set, unset: change.unset, prev, at: atMs });
  };
  const flushBatch = () => {
    if (batchQueued) batch(false);
  };

  /**
   * Starts tracking a session. What `before` holds is taken as queued already; what the session
   * shows otherwise (values the model derives when it loads: expressions, defaults) is queued
   * too, so that what is stored is what the page shows.
   */
  const attach = (s: SurveySession, before: Readonly<Record<string, unknown>>) => {
    current = s;
    known = new Map();
    refs = new Map();
    for (const [k, v] of Object.entries(before)) {
      const j = json(v);
      if (j !== undefined) known.set(k, j);
    }
    derived = s.derivedKeys();
    structural = true;
    s.onChange((key) => {
      if (key === undefined) structural = true;
      else touched.add(key);
      schedule();
    });
    // Completed by the survey itself (time limit, complete trigger): stored as a completion, after
    // the page has read the completed session (the status change replaces it).
    s.onCompleted(() => queueMicrotask(() => completeNow(now().toISOString())));
    schedule();
  };

  let last: SessionSnapshot = { data: initial.data, currentPage: initial.currentPage, language: initial.language };
  // A new session only when the mode changes; nothing the model reads while it loads is tracked.
  const session = createMemo<SurveySession | undefined>((prev) => {
    const ro = readOnly();
    return untrack(() => {
      if (prev) {
        flushBatch();
        last = prev.snapshot();
      }
      const s = createSurveySession({ definition: options.definition, data: last.data, currentPage: last.currentPage, language: last.language, readOnly: ro, components: options.components, files });
      attach(s, last.data);
      onCleanup(() => s.dispose());
      return s;
    });
  }, undefined) as Accessor<SurveySession>;

  // ---------- status ----------
  const changeStatus = (next: ResponseStatus, at: string | null) => {
    flushBatch();
    setStatus(next);
    setCompletedAt(at);
    const s = untrack(session);
    const progress = responseProgress(next, s.pageIndex(), s.pageCount());
    lastMeta.progress = progress;
    queue.push({ set: {}, unset: [], meta: { status: next, completedAt: at, progress }, at: now().toISOString() });
    channel?.postStatus(next, at);
  };

  const completeNow = (at: string) => {
    if (untrack(status) === "completed") return;
    changeStatus("completed", at);
    setJustCompleted(true);
  };

  // ---------- other tabs ----------
  const applyRemote = (msg: Extract<TabMessage, { type: "answers" }>) => {
    flushBatch();
    const s = untrack(session);
    const d = decideRemoteChange(msg, TAB_ID, editAt, (k) => known.get(k), (k) => ownKeys.has(k));
    const keys = [...Object.keys(d.set), ...d.unset];
    if (keys.length === 0) return;
    s.applyExternal(d.set, d.unset);
    // Written here as well, so that the stored value is the one every tab shows, whatever order the tabs' writes land in.
    for (const k of keys) touched.add(k);
    batch(true);
    for (const k of keys) {
      editAt.set(k, msg.at);
      ownKeys.delete(k);
    }
    if (d.conflicts.length > 0) {
      setConflicts((list) => [...list.filter((c) => !d.conflicts.includes(c.key)), ...d.conflicts.map((key) => ({ key, question: s.titleOf(key) }))]);
    }
  };
  const channel =
    options.channel === false
      ? undefined
      : createTabChannel({
          responseId: id,
          tab: TAB_ID,
          ownAnswers: () => [...ownKeys].map((key) => ({ key, value: untrack(session).value(key), at: editAt.get(key) ?? Date.now() })),
          onAnswers: (msg) => (heldMessages ? heldMessages.push(msg) : applyRemote(msg)),
          onStatus: (msg) => {
            if (msg.status === untrack(status)) return;
            // Stored by the tab where it was made; this one follows it on screen.
            flushBatch();
            setJustCompleted(false);
            setStatus(msg.status);
            setCompletedAt(msg.completedAt);
            const s = untrack(session);
            lastMeta.progress = responseProgress(msg.status, s.pageIndex(), s.pageCount());
          },
        });

  onCleanup(() => {
    flushBatch();
    queue.dispose();
    channel?.close();
    unmarkWriter();
  });

  function unsavedRecord(): ResponseRecord {
    const s = untrack(session);
    const snap = s.snapshot();
    return {
      ...initial,
      data: snap.data,
      currentPage: snap.currentPage,
      language: snap.language,
      status: untrack(status),
      completedAt: untrack(completedAt),
      revision: untrack(revision),
      progress: responseProgress(untrack(status), s.pageIndex(), s.pageCount()),
      updatedAt: now().toISOString(),
    };
  }

  return {
    id,
    surveyId: initial.surveyId,
    session,
    status,
    completedAt,
    revision,
    readOnly,
    justCompleted,
    saveState: queue.state,
    failure: queue.failure,
    failureKind: queue.failureKind,
    lastSavedAt: queue.lastSavedAt,
    journalOk: queue.journalOk,
    conflicts,
    complete() {
      if (untrack(status) === "completed") return { ok: true };
      const r = untrack(session).complete(now());
      if (!r.ok) return r;
      completeNow(r.completedAt ?? now().toISOString());
      return r;
    },
    reopen() {
      if (untrack(status) !== "completed") return;
      setJustCompleted(false);
      changeStatus("draft", null);
    },
    retry: () => queue.retryNow(),
    dismissConflict: (key) => setConflicts((l) => l.filter((c) => c.key !== key)),
    flush() {
      flushBatch();
      return queue.flush();
    },
    unsavedRecord,
    onCompleted(listener) {
      completionListeners.add(listener);
      return () => completionListeners.delete(listener);
    },
    holdRemoteChanges(hold) {
      if (hold) heldMessages ??= [];
      else {
        const list = heldMessages ?? [];
        heldMessages = undefined;
        list.forEach(applyRemote);
      }
    },
    debugState() {
      const s = untrack(session);
      const snap = s.snapshot();
      return {
        ...snap,
        progress: responseProgress(untrack(status), s.pageIndex(), s.pageCount()),
        status: untrack(status),
        completedAt: untrack(completedAt),
        revision: untrack(revision),
        saveState: untrack(queue.state),
        derived: s.derivedKeys(),
      };
    },
  };
}
