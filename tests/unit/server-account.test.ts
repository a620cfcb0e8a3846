import { afterEach, describe, expect, it, vi } from "vitest";
import { createServerAccount } from "../../src/components/account/server-account.ts";
import { problemType, type Session } from "../../src/schema/server-api.ts";

const SESSION: Session = {
  user: { id: "0d7f6d4e-3c1b-4d5e-9f7a-1b2c3d4e5f60", email: "ana@example.org", name: "Ana", serverAdmin: false, createdAt: "2026-01-01T00:00:00.000Z", disabled: false },
  roles: [
    { surveyId: "capacity", role: "analyst" },
    { surveyId: "feedback", role: "admin" },
  ],
  csrfToken: "csrf-1",
  expiresAt: "2026-02-01T00:00:00.000Z",
};
const json = (status: number, body: unknown, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
const unauthenticated = () => json(401, { type: problemType("unauthenticated"), title: "t", status: 401 }, "application/problem+json");

/** A new account state over a fake server. */
async function freshAccount(server: (url: string, init: RequestInit) => Response) {
  const sent: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return server(url, init);
  });
  const account = createServerAccount();
  void account.refresh();
  await vi.waitFor(() => expect(account.state().kind).not.toBe("unknown"));
  return { account, sent };
}

afterEach(() => void vi.unstubAllGlobals());

describe("the app's server account state", () => {
  it("signs in, knows the roles, sends the CSRF token, and signs out", async () => {
    let signedIn = false;
    const { account, sent } = await freshAccount((url, init) => {
      if (url === "/api/session" && init.method === "POST") return (signedIn = true), json(200, SESSION);
      if (url === "/api/session" && init.method === "DELETE") return (signedIn = false), new Response(null, { status: 204 });
      if (url === "/api/session") return signedIn ? json(200, SESSION) : unauthenticated();
      if (url === "/api/surveys/feedback/versions") return json(200, { surveyId: "feedback", versions: [1, 2, 5].map((version) => ({ version, hash: "a".repeat(64), publishedAt: "2026-01-01T00:00:00.000Z" })) });
      return json(404, { type: problemType("not-found"), title: "t", status: 404 }, "application/problem+json");
    });
    expect(account.state()).toEqual({ kind: "signed-out" });
    expect(account.present()).toBe(true);
    expect(account.roleIn("capacity")).toBeUndefined();
    await account.signIn("ana@example.org", "pw");
    expect(account.session()?.user.email).toBe("ana@example.org");
    expect(account.roleIn("capacity")).toBe("analyst");
    expect(account.roleIn("feedback")).toBe("admin");
    expect(account.roleIn("other")).toBeUndefined();
    expect(account.credentials()).toEqual({ kind: "session", csrfToken: "csrf-1" });
    expect(await account.newestPublished("feedback")).toBe(5);
    expect(await account.newestPublished("unknown")).toBe(0);
    await account.signOut();
    expect(account.state()).toEqual({ kind: "signed-out" });
    const out = sent.find((s) => s.init.method === "DELETE");
    expect((out?.init.headers as Record<string, string>)["x-csrf-token"]).toBe("csrf-1");
    expect(await account.newestPublished("feedback")).toBe(0);
  });

  it("says why when the server ended the session", async () => {
    const { account } = await freshAccount(() => json(200, SESSION));
    expect(account.state().kind).toBe("signed-in");
    account.sessionLost();
    expect(account.state()).toEqual({ kind: "signed-out" });
    expect(account.notice()).toBe("sessionEnded");
  });

  it("stays quiet without a server: nothing is present, nothing to sign in to", async () => {
    const { account, sent } = await freshAccount(() => new Response("<!doctype html>", { status: 200, headers: { "content-type": "text/html" } }));
    expect(account.state()).toEqual({ kind: "none" });
    expect(account.present()).toBe(false);
    expect(account.session()).toBeUndefined();
    expect(sent).toHaveLength(1);
  });
});
