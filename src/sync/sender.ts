/**
 * The sender: delivers the outbox's queued revisions to the collection server, each exactly once.
 *
 * Exactly once rests on the server: `PUT …/responses/{id}/revisions/{revision}` stores a revision
 * once and answers a retry with the first receipt (docs/api.md, "Submitting"). So the sender may
 * send a revision again whenever it does not hold a receipt for it (a time-out, a dropped
 * connection, a tab killed between the server's answer and storing the receipt, two tabs at once);
 * it never deletes anything, and it stores the receipt as the proof of delivery.
 *
 * When it sends (`createSender` does not decide; src/sync/start.ts calls `flush`): on completion,
 * when the connection returns, when the app becomes visible, at start, on "send now", and after a
 * failure by a timer with exponential back-off and jitter (`backoffDelay`), so it never waits for a
 * reload (enketo#1180). One pass at a time per tab; `exclusive` keeps tabs from sending at once.
 *
 * What an answer does to an entry:
 *   201/200 receipt                 → delivered (with the receipt);
 *   409 revision-conflict           → conflict (the server's hash and time kept; nothing lost);
 *   401/403 link-*                  → the link is marked revoked/expired/invalid; entries stay queued;
 *   no answer, 5xx, 429, no-server  → stays queued; the pass stops; retried after the back-off;
 *   any other problem (422 …)       → rejected, with the server's message (kept, shown; "send now" tries it again).
 */
import { isLinkProblem, RemoteError } from "../remote/http.ts";
import type { DeviceLink, LinkState, OutboxEntry, OutboxStore } from "../schema/outbox.ts";
import { responseContentHash, type Receipt } from "../schema/submission.ts";

/** First retry after about this long; then doubling up to `BACKOFF_MAX_MS`. */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** The wait before the next try after `failures` failed passes in a row: exponential, capped, with jitter (half to all of it). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(full * (0.5 + random() / 2));
}

/** How the sender reaches the server; src/sync/transport.ts implements it over src/remote/http.ts. */
export interface Transport {
  /** Sends one revision; resolves with the receipt, throws a RemoteError. */
  submit(entry: OutboxEntry, replaces: number | null, token: string): Promise<Receipt>;
}

export interface SenderDeps {
  store: OutboxStore;
  transport: Transport;
  now?: () => Date;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Runs `fn` while no other tab runs a pass (Web Locks in the browser). */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Called after each pass (the UI shows it). */
  onPass?: (result: PassResult) => void;
  /** Called when a send failed for lack of a connection (the browser registers a Background Sync). */
  onOffline?: () => void;
}

export type PassOutcome =
  /** Every sendable entry was answered (delivered, conflict or rejected). */
  | "done"
  /** The server could not be reached; retried at `nextAt`. */
  | "unreachable"
  /** Something answered that is not a collection server: retried, rarely. */
  | "no-server"
  /** Nothing could be sent: no entry has a usable link. */
  | "idle";

export interface PassResult {
  at: string;
  outcome: PassOutcome;
  sent: number;
  delivered: number;
  /** When the sender tries again by itself (null: it waits for the next trigger). */
  nextAt: string | null;
  /** The failure that stopped the pass, if any. */
  error?: { code: string; message: string };
}

const LINK_STATE_OF: Record<string, LinkState> = {
  "link-revoked": "revoked",
  "link-expired": "expired",
  "link-invalid": "invalid",
  "link-wrong-survey": "wrong-survey",
};

/** Problems that say "try again later" rather than "this revision is refused". */
const TRANSIENT = new Set(["rate-limited", "shutting-down", "internal"]);

export interface Sender {
  /**
   * Sends every queued revision whose survey has a usable link. `force` ("send now") also tries
   * links marked unusable and revisions the server refused, once more. Resolves after the pass
   * (a pass already running is followed by one more).
   */
  flush(options?: { force?: boolean }): Promise<PassResult>;
  /** Stops the timer (the page is going away, tests). */
  stop(): void;
  /** Failed passes in a row (0 after a pass that reached the server). */
  failures(): number;
}

export function createSender(deps: SenderDeps): Sender {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const exclusive = deps.exclusive ?? ((fn) => fn());
  let failures = 0;
  let timer: unknown;
  let running: Promise<PassResult> | undefined;
  let again: { force: boolean } | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimer(timer);
    if (stopped) return;
    timer = setTimer(() => void flush(), ms);
  };

  async function pass(force: boolean): Promise<PassResult> {
    const at = now().toISOString();
    // "Send now" also tries what the server refused once more: a refusal such as an unknown version can be mended on the server.
    const queued = await deps.store.queued({ withRejected: force });
    const links = new Map<string, DeviceLink>();
    for (const l of await deps.store.links()) links.set(l.surveyId, l);
    let sent = 0;
    let delivered = 0;
    const blocked = new Set<string>();
    for (const entry of queued) {
      const link = links.get(entry.surveyId);
      if (!link || blocked.has(entry.surveyId)) continue;
      if (link.state !== "active" && !force) continue;
      const replaces = await deps.store.lastDelivered(entry.responseId);
      sent++;
      const attemptAt = now().toISOString();
      try {
        const receipt = await deps.transport.submit(entry, replaces !== null && replaces < entry.revision ? replaces : null, link.token);
        await deps.store.update(entry.responseId, entry.revision, { state: "delivered", receipt, attempts: entry.attempts + 1, lastAttemptAt: attemptAt, error: null });
        if (link.state !== "active") {
          link.state = "active";
          await deps.store.updateLink(link.surveyId, { state: "active", checkedAt: attemptAt });
        }
        delivered++;
      } catch (e) {
        if (!(e instanceof RemoteError)) throw e;
        const error = { code: e.code ?? e.kind, message: e.message, at: attemptAt };
        const attempt = { attempts: entry.attempts + 1, lastAttemptAt: attemptAt, error };
        if (e.kind === "network" || e.kind === "no-server" || e.kind === "bad-answer" || (e.kind === "problem" && (TRANSIENT.has(e.code ?? "") || e.status >= 500 || e.code === undefined))) {
          await deps.store.update(entry.responseId, entry.revision, attempt);
          failures++;
          const wait = Math.max(backoffDelay(failures, random), (e.retryAfter ?? 0) * 1000);
          schedule(wait);
          if (e.kind === "network") deps.onOffline?.();
          return { at, outcome: e.kind === "no-server" ? "no-server" : "unreachable", sent, delivered, nextAt: new Date(now().getTime() + wait).toISOString(), error: { code: error.code, message: e.message } };
        }
        if (isLinkProblem(e)) {
          blocked.add(entry.surveyId);
          link.state = LINK_STATE_OF[e.code] ?? "invalid";
          await deps.store.updateLink(link.surveyId, { state: link.state, checkedAt: attemptAt });
          await deps.store.update(entry.responseId, entry.revision, attempt);
          continue;
        }
        if (e.code === "revision-conflict") {
          const p: Record<string, unknown> = e.problem ?? {};
          const str = (v: unknown) => (typeof v === "string" ? v : null);
          await deps.store.update(entry.responseId, entry.revision, {
            ...attempt,
            state: "conflict",
            conflict: { storedHash: str(p["storedHash"]), receivedAt: str(p["receivedAt"]), sentHash: await responseContentHash(entry.response, entry.revision) },
          });
          continue;
        }
        await deps.store.update(entry.responseId, entry.revision, { ...attempt, state: "rejected" });
      }
    }
    failures = 0;
    clearTimer(timer);
    return { at, outcome: sent === 0 ? "idle" : "done", sent, delivered, nextAt: null };
  }

  function flush(options: { force?: boolean } = {}): Promise<PassResult> {
    if (running) {
      again = { force: (again?.force ?? false) || (options.force ?? false) };
      return running;
    }
    const force = options.force ?? false;
    running = exclusive(() => pass(force))
      .then((r) => {
        deps.onPass?.(r);
        return r;
      })
      .finally(() => {
        running = undefined;
        const next = again;
        again = undefined;
        if (next && !stopped) void flush(next);
      });
    return running;
  }

  return {
    flush,
    stop() {
      stopped = true;
      clearTimer(timer);
    },
    failures: () => failures,
  };
}
