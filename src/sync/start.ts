/**
 * The sync room's life in the browser, once per page: the outbox on IndexedDB, the sender over
 * HTTP, and every trigger that makes it send — a completion stored in this tab, the connection
 * coming back (the browser's `online` event and src/device/online.ts's check), the app becoming
 * visible, a Background Sync wake-up relayed by the service worker, a timer after failures, and
 * "send now". Only responses to a survey this device holds a collection link for are queued
 * (completed while the link is bound); with no link nothing is sent and nothing is said.
 */
import { createRoot, createSignal, on, createEffect, type Accessor } from "solid-js";
import { createFileRepository } from "../db/files.ts";
import { createOutboxStore } from "../db/outbox.ts";
import { createResponseRepository, createResponseStore } from "../db/repository.ts";
import { online } from "../device/online.ts";
import { onResponseCompleted, type ResponseCompleted } from "../responses/completions.ts";
import type { OutboxStore } from "../schema/outbox.ts";
import { openCollectionLink, refreshLinks, type CollectResult } from "./collect.ts";
import { createSender, type PassResult, type Sender } from "./sender.ts";
import { createHttpTransport } from "./transport.ts";

/** The Background Sync tag the service worker relays to open pages (public/sw-outbox.js). */
export const SYNC_TAG = "survey-studio-outbox";
/** Links are checked (new versions, revocations) at most this often, besides "send now" and opening a link. */
const LINK_CHECK_MS = 10 * 60_000;

export interface SyncRuntime {
  store: OutboxStore;
  sender: Sender;
  /** The last pass (undefined before the first). */
  lastPass: Accessor<PassResult | undefined>;
  sending: Accessor<boolean>;
  /** Checks every link, then sends everything queued, retrying links marked unusable. */
  sendNow(): Promise<PassResult>;
  openLink(token: string): Promise<CollectResult>;
}

let runtime: SyncRuntime | undefined;

async function enqueueCompleted(store: OutboxStore, e: Pick<ResponseCompleted, "responseId" | "surveyId" | "revision">): Promise<boolean> {
  if (!(await store.link(e.surveyId))) return false;
  const record = await createResponseStore().get(e.responseId);
  if (!record || record.status !== "completed" || record.revision !== e.revision) return false;
  return store.enqueue(record, new Date().toISOString());
}

/** Completed responses the outbox does not hold (a completion announced while no page listened): queued now. */
async function sweep(store: OutboxStore): Promise<void> {
  const repo = createResponseRepository();
  for (const link of await store.links()) {
    for (const r of await repo.listForSurvey(link.surveyId)) {
      if (r.status !== "completed" || r.revision < 1 || (r.completedAt ?? "") < link.boundAt) continue;
      if (!(await store.has(r.id, r.revision))) await store.enqueue(r, new Date().toISOString());
    }
  }
}

function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request(SYNC_TAG, fn) as Promise<T>) : fn();
}

/**
 * Asks the browser for a Background Sync when the device itself is offline: the browser fires it
 * when the connection returns, and the service worker wakes the open pages. Not when only the
 * server is down: the browser would fire it at once (it only knows about the network), again and
 * again; the back-off timer handles that case.
 */
function registerBackgroundSync(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || navigator.onLine) return;
  void navigator.serviceWorker.getRegistration().then((reg) => {
    const sync = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    return sync?.register(SYNC_TAG);
  }).catch(() => undefined);
}

/** Starts syncing in this page (once); returns the runtime the pages read. */
export function startSync(): SyncRuntime {
  if (runtime) return runtime;
  const store = createOutboxStore();
  const [lastPass, setLastPass] = createSignal<PassResult>();
  const [sending, setSending] = createSignal(false);
  const sender = createSender({ store, transport: createHttpTransport(createFileRepository()), exclusive, onPass: setLastPass, onOffline: registerBackgroundSync });
  let linksCheckedAt = 0;
  const send = async (options: { force?: boolean; checkLinks?: boolean } = {}) => {
    setSending(true);
    try {
      if (options.checkLinks || Date.now() - linksCheckedAt > LINK_CHECK_MS) {
        linksCheckedAt = Date.now();
        await refreshLinks(store);
      }
      return await sender.flush({ force: options.force ?? false });
    } finally {
      setSending(false);
    }
  };

  onResponseCompleted((e) =>
    void enqueueCompleted(store, e).then((added) => {
      if (added) void send();
    }),
  );
  window.addEventListener("online", () => void send());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void send();
  });
  navigator.serviceWorker?.addEventListener("message", (event: MessageEvent) => {
    // A wake-up while the sender is backing off from a failure waits for its timer.
    if ((event.data as { type?: string } | null)?.type === SYNC_TAG && sender.failures() === 0) void send();
  });
  // src/device/online.ts confirms the connection with a request: send when it comes back.
  createRoot(() => createEffect(on(online, (up) => up && void send(), { defer: true })));
  void sweep(store).then(() => send({ checkLinks: true }));
  // New versions and revoked links are noticed while the app stays open, too.
  setInterval(() => void send(), LINK_CHECK_MS);

  runtime = {
    store,
    sender,
    lastPass,
    sending,
    sendNow: () => send({ force: true, checkLinks: true }),
    async openLink(token) {
      const result = await openCollectionLink(store, token);
      if (result.ok) {
        linksCheckedAt = Date.now();
        void sweep(store).then(() => send());
      }
      return result;
    },
  };
  return runtime;
}

/** The runtime if syncing has started in this page. */
export function syncRuntime(): SyncRuntime | undefined {
  return runtime;
}
