import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiJson, apiRequest, isLinkProblem, RemoteError, type FetchLike } from "../../src/remote/http.ts";
import { problemType } from "../../src/schema/server-api.ts";

function answer(status: number, body: string, type: string, headers: Record<string, string> = {}): FetchLike {
  return async () => new Response(body, { status, headers: { "content-type": type, ...headers } });
}

async function caught(p: Promise<unknown>): Promise<RemoteError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RemoteError) return e;
    throw e;
  }
  throw new Error("did not fail");
}

describe("src/remote/http", () => {
  it("sends a link's token as Bearer and no CSRF header", async () => {
    let seen: RequestInit | undefined;
    let url = "";
    const f: FetchLike = async (u, init) => {
      url = u;
      seen = init;
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    };
    await apiRequest("/link", { credentials: { kind: "link", token: "sslink_abc" } }, f);
    expect(url).toBe("/api/link");
    const h = seen?.headers as Record<string, string>;
    expect(h["authorization"]).toBe("Bearer sslink_abc");
    expect(h["x-csrf-token"]).toBeUndefined();
    expect(seen?.method).toBe("GET");
  });

  it("adds the session's CSRF token to changes only", async () => {
    const headers: Record<string, string>[] = [];
    const f: FetchLike = async (_u, init) => {
      headers.push(init.headers as Record<string, string>);
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    };
    await apiRequest("/session", { credentials: { kind: "session", csrfToken: "t1" } }, f);
    await apiRequest("/x", { method: "PUT", json: { a: 1 }, credentials: { kind: "session", csrfToken: "t1" } }, f);
    expect(headers[0]?.["x-csrf-token"]).toBeUndefined();
    expect(headers[1]?.["x-csrf-token"]).toBe("t1");
    expect(headers[1]?.["content-type"]).toBe("application/json");
  });

  it("turns problem+json into a typed error with its code and extension members", async () => {
    const body = JSON.stringify({ type: problemType("revision-conflict"), title: "Conflict", status: 409, detail: "stored with another hash", storedHash: "ab" });
    const e = await caught(apiRequest("/x", { method: "PUT", json: {} }, answer(409, body, "application/problem+json; charset=utf-8")));
    expect(e.kind).toBe("problem");
    expect(e.code).toBe("revision-conflict");
    expect(e.status).toBe(409);
    expect(e.message).toBe("stored with another hash");
    expect(e.problem?.["storedHash"]).toBe("ab");
  });

  it("knows the link problems", async () => {
    for (const code of ["link-revoked", "link-expired", "link-invalid"] as const) {
      const e = await caught(apiRequest("/link", {}, answer(401, JSON.stringify({ type: problemType(code), title: "t", status: 401 }), "application/problem+json")));
      expect(isLinkProblem(e)).toBe(true);
    }
    const other = await caught(apiRequest("/link", {}, answer(401, JSON.stringify({ type: problemType("unauthenticated"), title: "t", status: 401 }), "application/problem+json")));
    expect(isLinkProblem(other)).toBe(false);
  });

  it("reads a static host's answers as no server: an HTML 404, or the app's page with 200", async () => {
    expect((await caught(apiRequest("/link", {}, answer(404, "<!doctype html>", "text/html")))).kind).toBe("no-server");
    expect((await caught(apiJson(z.object({}), "/link", {}, answer(200, "<!doctype html><title>app</title>", "text/html")))).kind).toBe("no-server");
  });

  it("reads no answer, a gateway error and a time-out as network failures", async () => {
    expect((await caught(apiRequest("/x", {}, async () => Promise.reject(new TypeError("Failed to fetch"))))).kind).toBe("network");
    expect((await caught(apiRequest("/x", {}, answer(503, "down", "text/plain", { "retry-after": "7" })))).retryAfter).toBe(7);
    expect((await caught(apiRequest("/x", {}, answer(502, "bad gateway", "text/html")))).kind).toBe("network");
    const slow: FetchLike = (_u, init) => new Promise((_r, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const e = await caught(apiRequest("/x", { timeoutMs: 5 }, slow));
    expect(e.kind).toBe("network");
    expect(e.message).toMatch(/in time/);
  });

  it("checks a JSON answer against its schema", async () => {
    const schema = z.object({ surveyId: z.string() });
    expect(await apiJson(schema, "/link", {}, answer(200, '{"surveyId":"s"}', "application/json"))).toEqual({ surveyId: "s" });
    expect((await caught(apiJson(schema, "/link", {}, answer(200, '{"surveyId":1}', "application/json")))).kind).toBe("bad-answer");
  });
});
