import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { getDatabase } from "../../src/db/database.ts";
import { createDefinitionRepository } from "../../src/db/definitions.ts";
import { createOutboxStore } from "../../src/db/outbox.ts";
import type { FetchLike } from "../../src/remote/http.ts";
import { problemType, type ProblemCode } from "../../src/schema/server-api.ts";
import { openCollectionLink, refreshLinks } from "../../src/sync/collect.ts";

const TEXT = readFileSync("surveys/gfmd-workshop-feedback.json", "utf8");
const pilot = (version: number, title: string) => {
  const f = JSON.parse(TEXT) as Record<string, unknown>;
  f["id"] = "pilot";
  f["version"] = version;
  f["title"] = title;
  return JSON.stringify(f);
};

/** A server with one link for "pilot" and the versions given; `state` changes what /api/link says. */
function server(versions: Map<number, string>, state: { problem?: ProblemCode; down?: boolean; html?: boolean } = {}) {
  const seen: { url: string; auth: string | undefined }[] = [];
  const f: FetchLike = async (url, init) => {
    seen.push({ url, auth: (init.headers as Record<string, string>)["authorization"] });
    if (state.down) throw new TypeError("Failed to fetch");
    if (state.html) return new Response("<!doctype html>", { status: 200, headers: { "content-type": "text/html" } });
    if (state.problem) return new Response(JSON.stringify({ type: problemType(state.problem), title: state.problem, status: 401 }), { status: 401, headers: { "content-type": "application/problem+json" } });
    if (url === "/api/link") {
      const latest = Math.max(...versions.keys());
      return Response.json({ surveyId: "pilot", label: "Pilot team", expiresAt: "2027-01-01T00:00:00.000Z", latest });
    }
    const m = /^\/api\/surveys\/pilot\/versions\/(\d+)$/.exec(url);
    const text = m ? versions.get(Number(m[1])) : undefined;
    return text ? new Response(text, { headers: { "content-type": "application/json" } }) : new Response("{}", { status: 404, headers: { "content-type": "application/problem+json" } });
  };
  return { f, seen, state };
}

afterEach(async () => {
  const db = getDatabase();
  await Promise.all([db.links.clear(), db.definitions.clear(), db.outbox.clear()]);
});

describe("collection links on the device", () => {
  it("opening a link installs the newest version and binds the link; a later version is picked up, the first kept", async () => {
    const store = createOutboxStore();
    const s = server(new Map([[1, pilot(1, "Pilot")]]));
    const r = await openCollectionLink(store, "sslink_abc", new Date("2026-03-01T00:00:00.000Z"), s.f);
    expect(r).toMatchObject({ ok: true, installed: [1], link: { surveyId: "pilot", label: "Pilot team", state: "active", boundAt: "2026-03-01T00:00:00.000Z" } });
    expect(s.seen.every((x) => x.auth === "Bearer sslink_abc")).toBe(true);
    const stored = await getDatabase().definitions.where("surveyId").equals("pilot").toArray();
    expect(stored.map((d) => [d.version, d.origin])).toEqual([[1, "server"]]);

    const later = server(new Map([[1, pilot(1, "Pilot")], [2, pilot(2, "Pilot, second")]]));
    expect(await refreshLinks(store, new Date(), later.f)).toEqual({ installed: [{ surveyId: "pilot", version: 2 }] });
    expect((await getDatabase().definitions.where("surveyId").equals("pilot").toArray()).map((d) => d.version).sort()).toEqual([1, 2]);
    expect((await store.link("pilot"))?.latest).toBe(2);
  });

  it("says why a link cannot be used: revoked, expired, invalid, offline, no server", async () => {
    const store = createOutboxStore();
    const versions = new Map([[1, pilot(1, "Pilot")]]);
    for (const [state, reason] of [
      [{ problem: "link-revoked" }, "revoked"],
      [{ problem: "link-expired" }, "expired"],
      [{ problem: "link-invalid" }, "invalid"],
      [{ down: true }, "offline"],
      [{ html: true }, "no-server"],
    ] as const) {
      const r = await openCollectionLink(store, "sslink_x", new Date(), server(versions, { ...state }).f);
      expect(r.ok ? "ok" : r.reason).toBe(reason);
    }
    expect(await store.links()).toEqual([]);
  });

  it("a link the device holds is marked revoked when the server says so, and stays for its queued responses", async () => {
    const store = createOutboxStore();
    const s = server(new Map([[1, pilot(1, "Pilot")]]));
    await openCollectionLink(store, "sslink_abc", new Date(), s.f);
    s.state.problem = "link-revoked";
    await refreshLinks(store, new Date(), s.f);
    expect((await store.link("pilot"))?.state).toBe("revoked");
    // Offline: nothing changes.
    s.state.problem = undefined;
    s.state.down = true;
    await refreshLinks(store, new Date(), s.f);
    expect((await store.link("pilot"))?.state).toBe("revoked");
  });

  it("a version the device holds written out differently is the same version; other content under it is refused, not overwritten", async () => {
    const store = createOutboxStore();
    const repo = createDefinitionRepository();
    await repo.save({ surveyId: "pilot", version: 1, text: pilot(1, "Pilot"), origin: "designer" });
    const compact = JSON.stringify(JSON.parse(pilot(1, "Pilot")));
    expect(await openCollectionLink(store, "sslink_a", new Date(), server(new Map([[1, compact]])).f)).toMatchObject({ ok: true });
    await getDatabase().links.clear();
    // (version 5: the module remembers versions it compared in this page, and earlier tests used 1 and 2)
    await repo.save({ surveyId: "pilot", version: 5, text: pilot(5, "Pilot 5 here"), origin: "designer" });
    const clash = await openCollectionLink(store, "sslink_a", new Date(), server(new Map([[5, pilot(5, "Pilot 5 there")]])).f);
    expect(clash).toMatchObject({ ok: false, reason: "version-clash" });
    expect((await repo.get("pilot", 5))?.text).toBe(pilot(5, "Pilot 5 here"));
  });
});
