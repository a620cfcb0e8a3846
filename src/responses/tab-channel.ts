import type { ResponseRecord } from "../schema/response.ts";

/**
 * Keeps one response in step across the tabs that have it open (BroadcastChannel, one channel
 * per response). Every batch of answers changed in a tab is sent to the others with the time it
 * was made; a tab applies a remote answer unless it changed that answer itself later (the later
 * change wins). When a remote answer replaces one this tab had changed without having seen the
 * remote side's value, the person in this tab is told. A status change (complete, reopen) is
 * stored by the tab where it was made; the others follow it on screen.
 */

/** Answers this tab changed in one batch (one task): for other tabs. */
export interface LocalChange {
  /** Top-level answer keys set, with their new values. */
  set: Record<string, unknown>;
  /** Top-level answer keys removed. */
  unset: string[];
  /** JSON of each changed key's value before the change (`undefined`: had no value). */
  prev: Record<string, string | undefined>;
  /** When the change was made (ms since epoch). */
  at: number;
}

/** An id for this page (tab), stable for its life. */
export const TAB_ID: string = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export type TabMessage =
  | ({ type: "answers"; from: string; sync?: boolean } & LocalChange)
  | { type: "status"; from: string; at: number; status: ResponseRecord["status"]; completedAt: string | null }
  | { type: "hello"; from: string }
  /** The answer to a hello: this tab has the response open too. */
  | { type: "here"; from: string }
  | { type: "bye"; from: string };

export interface RemoteDecision {
  set: Record<string, unknown>;
  unset: string[];
  /** Keys this tab had changed and that the remote change replaced without having seen our value. */
  conflicts: string[];
}

const json = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

/**
 * Which of a remote change's answers to apply here. `localEditAt`: when the value this tab holds
 * for each key was made; `currentJson`: the JSON of a key's value in this tab now; `isOwn`: the
 * person in this tab made that value (only then is a replacement worth telling).
 */
export function decideRemoteChange(
  msg: Extract<TabMessage, { type: "answers" }>,
  self: string,
  localEditAt: ReadonlyMap<string, number>,
  currentJson: (key: string) => string | undefined,
  isOwn: (key: string) => boolean = (k) => localEditAt.has(k),
): RemoteDecision {
  const out: RemoteDecision = { set: {}, unset: [], conflicts: [] };
  const consider = (key: string, value: unknown) => {
    if (key === "__proto__") return;
    const mine = localEditAt.get(key);
    // Later wins; at the same millisecond the larger tab id wins, so both tabs agree.
    if (mine !== undefined && (mine > msg.at || (mine === msg.at && self > msg.from))) return;
    const now = currentJson(key);
    if (now === json(value)) return;
    if (value === undefined) out.unset.push(key);
    else out.set[key] = value;
    // Ours was replaced by a change made without knowing it: a real conflict, tell the person.
    if (isOwn(key) && !msg.sync && now !== msg.prev[key]) out.conflicts.push(key);
  };
  for (const [k, v] of Object.entries(msg.set)) consider(k, v);
  for (const k of msg.unset) consider(k, undefined);
  return out;
}

export interface TabChannel {
  /** Sends this tab's changed answers to the other tabs. */
  postAnswers(change: LocalChange): void;
  postStatus(status: ResponseRecord["status"], completedAt: string | null): void;
  close(): void;
}

export function createTabChannel(options: {
  responseId: string;
  tab: string;
  /** Values of the keys this tab changed (answering a newcomer's hello). */
  ownAnswers(): { key: string; value: unknown; at: number }[];
  onAnswers(msg: Extract<TabMessage, { type: "answers" }>): void;
  onStatus(msg: Extract<TabMessage, { type: "status" }>): void;
}): TabChannel {
  if (typeof BroadcastChannel === "undefined") return { postAnswers() {}, postStatus() {}, close() {} };
  const channel = new BroadcastChannel(`survey-studio.response.${options.responseId}`);
  const post = (m: TabMessage) => {
    try {
      channel.postMessage(m);
    } catch {
      // An answer that cannot be cloned (never with JSON data): the other tab reads it from IndexedDB on reload.
    }
  };
  /**
   * Other tabs known to have the response open. Answers are only sent while there is one
   * (sending costs about a millisecond per answer); a tab that opens says hello and the others
   * answer, so each side knows of the other before either changes anything more.
   */
  const peers = new Set<string>();
  channel.onmessage = (ev: MessageEvent<TabMessage>) => {
    const m = ev.data;
    if (!m || typeof m !== "object" || typeof m.from !== "string" || m.from === options.tab) return;
    if (m.type === "bye") {
      peers.delete(m.from);
      return;
    }
    peers.add(m.from);
    if (m.type === "answers") options.onAnswers(m);
    else if (m.type === "status") options.onStatus(m);
    else if (m.type === "hello") {
      post({ type: "here", from: options.tab });
      // A tab that just opened the response may have read it before our latest writes landed.
      for (const a of options.ownAnswers()) {
        const set = a.value === undefined ? {} : { [a.key]: a.value };
        const unset = a.value === undefined ? [a.key] : [];
        post({ type: "answers", from: options.tab, sync: true, set, unset, prev: {}, at: a.at });
      }
    }
  };
  post({ type: "hello", from: options.tab });
  return {
    postAnswers(change) {
      if (peers.size > 0) post({ type: "answers", from: options.tab, ...change });
    },
    postStatus(status, completedAt) {
      post({ type: "status", from: options.tab, at: Date.now(), status, completedAt });
    },
    close() {
      post({ type: "bye", from: options.tab });
      channel.close();
    },
  };
}
