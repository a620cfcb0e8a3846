/**
 * Collection links on the device: `#/collect/{token}` binds this device's responses to a survey
 * to the link's token, and keeps the survey's published versions for offline use.
 *
 *   openCollectionLink(token)  GET /api/link (is it usable? which survey? newest version?), fetch
 *                              that version's text if this device does not hold it, store it in
 *                              the catalog, remember the link (one per survey: a newer link for
 *                              the same survey replaces the older one, and queued responses
 *                              go with it).
 *   refreshLinks()             the same check for every link the device holds: picks up a newly
 *                              published version (responses in progress keep theirs: a response
 *                              opens with its own version, src/catalog/catalog.ts) and notices a
 *                              revoked or expired link before anything is sent.
 */
import { installPublishedVersion, storedVersions } from "../catalog/catalog.ts";
import { apiJson, apiText, isLinkProblem, RemoteError, type FetchLike } from "../remote/http.ts";
import type { DeviceLink, LinkState, OutboxStore } from "../schema/outbox.ts";
import { linkInfoSchema } from "../schema/server-api.ts";

export type CollectFailure = "revoked" | "expired" | "invalid" | "wrong-survey" | "offline" | "no-server" | "not-published" | "version-clash" | "bad-answer";

export type CollectResult = { ok: true; link: DeviceLink; installed: number[] } | { ok: false; reason: CollectFailure; message: string; link?: DeviceLink };

const LINK_STATES: Record<string, LinkState> = { "link-revoked": "revoked", "link-expired": "expired", "link-invalid": "invalid", "link-wrong-survey": "wrong-survey" };

function failureOf(e: unknown): { reason: CollectFailure; message: string } {
  if (isLinkProblem(e)) return { reason: (LINK_STATES[e.code] ?? "invalid") as CollectFailure, message: e.message };
  if (e instanceof RemoteError) {
    if (e.kind === "network") return { reason: "offline", message: e.message };
    if (e.kind === "no-server") return { reason: "no-server", message: e.message };
    if (e.code === "unauthenticated") return { reason: "invalid", message: e.message };
    return { reason: "bad-answer", message: e.message };
  }
  return { reason: "version-clash", message: e instanceof Error ? e.message : String(e) };
}

/** Versions held from elsewhere (shipped, designer) already compared with the server's in this page. */
const compared = new Set<string>();

/**
 * Fetches and stores a published version; true when it was added. A version installed from a
 * server is not fetched again (versions never change); one the device holds from elsewhere (a
 * shipped file, the designer) is compared once per page: the same content is the same version,
 * other content is refused (`installPublishedVersion` throws) rather than silently mixed.
 */
async function install(surveyId: string, version: number, token: string, fetchImpl?: FetchLike): Promise<boolean> {
  const held = (await storedVersions(surveyId)).find((v) => v.version === version);
  const key = `${surveyId}\u0000${version}`;
  if (held && (held.origin === "server" || compared.has(key))) return false;
  const { text } = await apiText(`/surveys/${encodeURIComponent(surveyId)}/versions/${version}`, { credentials: { kind: "link", token } }, fetchImpl);
  await installPublishedVersion(surveyId, version, text);
  compared.add(key);
  return !held;
}

/** Checks a link with the server, installs its survey's newest version, and binds the link on this device. */
export async function openCollectionLink(store: OutboxStore, token: string, now: Date = new Date(), fetchImpl?: FetchLike): Promise<CollectResult> {
  const known = (await store.links()).find((l) => l.token === token);
  try {
    const info = await apiJson(linkInfoSchema, "/link", { credentials: { kind: "link", token } }, fetchImpl);
    if (info.latest === null) return { ok: false, reason: "not-published", message: `"${info.surveyId}" has no published version yet` };
    const installed = (await install(info.surveyId, info.latest, token, fetchImpl)) ? [info.latest] : [];
    const previous = await store.link(info.surveyId);
    const link: DeviceLink = {
      surveyId: info.surveyId,
      token,
      label: info.label,
      expiresAt: info.expiresAt,
      boundAt: previous?.token === token ? previous.boundAt : now.toISOString(),
      state: "active",
      checkedAt: now.toISOString(),
      latest: info.latest,
    };
    await store.putLink(link);
    return { ok: true, link, installed };
  } catch (e) {
    const failure = failureOf(e);
    // A link this device already holds stays usable offline; one the server refuses is marked so.
    if (known && isLinkProblem(e)) await store.updateLink(known.surveyId, { state: LINK_STATES[e.code] ?? "invalid", checkedAt: now.toISOString() });
    const link = known ? await store.link(known.surveyId) : undefined;
    return { ok: false, ...failure, ...(link ? { link } : {}) };
  }
}

/** Asks the server about every link this device holds; installs newly published versions. Stops at the first network failure. */
export async function refreshLinks(store: OutboxStore, now: Date = new Date(), fetchImpl?: FetchLike): Promise<{ installed: { surveyId: string; version: number }[] }> {
  const installed: { surveyId: string; version: number }[] = [];
  for (const link of await store.links()) {
    try {
      const info = await apiJson(linkInfoSchema, "/link", { credentials: { kind: "link", token: link.token } }, fetchImpl);
      if (info.surveyId !== link.surveyId) {
        await store.updateLink(link.surveyId, { state: "wrong-survey", checkedAt: now.toISOString() });
        continue;
      }
      if (info.latest !== null && (await install(info.surveyId, info.latest, link.token, fetchImpl))) installed.push({ surveyId: info.surveyId, version: info.latest });
      await store.updateLink(link.surveyId, { state: "active", checkedAt: now.toISOString(), latest: info.latest, expiresAt: info.expiresAt, label: info.label });
    } catch (e) {
      if (isLinkProblem(e)) {
        await store.updateLink(link.surveyId, { state: LINK_STATES[e.code] ?? "invalid", checkedAt: now.toISOString() });
        continue;
      }
      if (e instanceof RemoteError && (e.kind === "network" || e.kind === "no-server")) break;
      console.warn(`checking the collection link of ${link.surveyId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { installed };
}
