/**
 * What the lists say about one response's way to the server, from its record and its outbox
 * entries (pure: the pages hand in what they read).
 */
import type { DeviceLink, LinkState, OutboxEntry } from "../schema/outbox.ts";

type Summary = Omit<OutboxEntry, "response">;

export type Delivery =
  /** Not bound for a server (no collection link when it was completed, or still in progress). */
  | { kind: "none" }
  | { kind: "waiting"; revision: number }
  | { kind: "delivered"; revision: number; at: string; reopened: boolean }
  | { kind: "conflict"; entry: Summary }
  | { kind: "rejected"; entry: Summary }
  /** Queued, but the survey's link cannot be used. */
  | { kind: "link"; state: LinkState };

/** The delivery of a response: its newest revision that is not superseded decides. */
export function deliveryOf(record: { id: string; status: string; revision: number }, entries: readonly Summary[], link: DeviceLink | undefined): Delivery {
  let top: Summary | undefined;
  for (const e of entries) if (e.responseId === record.id && e.state !== "superseded" && (!top || e.revision > top.revision)) top = e;
  if (!top) return { kind: "none" };
  switch (top.state) {
    case "delivered":
      return { kind: "delivered", revision: top.revision, at: top.receipt?.receivedAt ?? top.lastAttemptAt ?? top.queuedAt, reopened: record.status !== "completed" };
    case "conflict":
      return { kind: "conflict", entry: top };
    case "rejected":
      return { kind: "rejected", entry: top };
    default:
      return link && link.state !== "active" ? { kind: "link", state: link.state } : { kind: "waiting", revision: top.revision };
  }
}

/** For Home: how many revisions wait (queued), how many need attention, and the last delivery. */
export function outboxOverview(entries: readonly Summary[], links: readonly DeviceLink[]) {
  const linkOf = new Map(links.map((l) => [l.surveyId, l]));
  let waiting = 0;
  let attention = 0;
  let lastDelivered: string | undefined;
  const waitingBySurvey = new Map<string, number>();
  const blockedLinks = new Map<string, { link: DeviceLink; count: number }>();
  for (const e of entries) {
    if (e.state === "queued") {
      waiting++;
      waitingBySurvey.set(e.surveyId, (waitingBySurvey.get(e.surveyId) ?? 0) + 1);
      const link = linkOf.get(e.surveyId);
      if (link && link.state !== "active") {
        const b = blockedLinks.get(link.surveyId) ?? { link, count: 0 };
        b.count++;
        blockedLinks.set(link.surveyId, b);
      }
    } else if (e.state === "conflict" || e.state === "rejected") attention++;
    else if (e.state === "delivered") {
      const at = e.receipt?.receivedAt ?? e.lastAttemptAt ?? undefined;
      if (at && (!lastDelivered || at > lastDelivered)) lastDelivered = at;
    }
  }
  return { waiting, attention, lastDelivered, waitingBySurvey, blocked: [...blockedLinks.values()], hasLinks: links.length > 0 };
}
export type OutboxOverview = ReturnType<typeof outboxOverview>;
