/**
 * The app's one way to the collection server: same-origin requests to `/api` (docs/api.md).
 *
 * Every failure becomes a `RemoteError` with a `kind` the caller can act on:
 *   - `network`   the request did not get an answer (offline, dropped, timed out): try again later;
 *   - `no-server` something answered, but not the collection server (a static host's 404 page, the
 *                 app's own index.html from a service worker or a fallback): this deploy has no server;
 *   - `problem`   the server refused with `application/problem+json` (RFC 9457): `code` says why;
 *   - `bad-answer` the server answered 2xx with a body that does not match the expected schema.
 * Problems are parsed with the shared zod schemas of src/schema/server-api.ts.
 *
 * Who is asking: a collection link sends `Authorization: Bearer <token>` (no cookie, no CSRF);
 * a signed-in designer's cookie goes along by itself (same origin) and every request that changes
 * something carries the session's CSRF token in `X-CSRF-Token`.
 */
import type { z } from "zod";
import { apiProblemSchema, problemCode, type ApiProblem, type ProblemCode } from "../schema/server-api.ts";

export type Credentials =
  /** A collection link's token (`sslink_…`). */
  | { kind: "link"; token: string }
  /** A signed-in account: the cookie travels by itself; the CSRF token guards changes. */
  | { kind: "session"; csrfToken: string }
  | { kind: "none" };

export type RemoteErrorKind = "network" | "no-server" | "problem" | "bad-answer";

export class RemoteError extends Error {
  override name = "RemoteError";
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    /** The HTTP status (0 when there was no answer). */
    readonly status = 0,
    /** For `problem`: the problem's code (undefined for a type this app does not know). */
    readonly code?: ProblemCode,
    /** For `problem`: the whole problem body, with any extension members (`storedHash`, `report`…). */
    readonly problem?: ApiProblem,
    /** Seconds from a `Retry-After` header (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** True for an error that says the collection link cannot be used any more (or never could). */
export function isLinkProblem(e: unknown): e is RemoteError & { code: "link-invalid" | "link-revoked" | "link-expired" | "link-wrong-survey" } {
  return e instanceof RemoteError && e.kind === "problem" && (e.code === "link-invalid" || e.code === "link-revoked" || e.code === "link-expired" || e.code === "link-wrong-survey");
}

export interface RequestOptions {
  method?: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  /** Sent as JSON. */
  json?: unknown;
  /** Sent exactly as given, as `application/json` (a survey file, whose bytes the server hashes). */
  jsonText?: string;
  /** Sent as is (an attachment's bytes), with `contentType`. */
  bytes?: Blob;
  contentType?: string;
  credentials?: Credentials;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds before the request counts as failed (`network`); default 30 s. */
  timeoutMs?: number;
}

/** How the request goes out; tests hand in their own. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const DEFAULT_TIMEOUT_MS = 30_000;
const CHANGES = new Set(["POST", "PUT", "DELETE", "PATCH"]);

function apiUrl(path: string): string {
  if (!path.startsWith("/")) throw new Error(`an API path starts with "/": ${path}`);
  return `/api${path}`;
}

function headersFor(options: RequestOptions, method: string): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json, application/problem+json", ...options.headers };
  const who = options.credentials ?? { kind: "none" };
  if (who.kind === "link") headers["authorization"] = `Bearer ${who.token}`;
  if (who.kind === "session" && CHANGES.has(method)) headers["x-csrf-token"] = who.csrfToken;
  if (options.json !== undefined || options.jsonText !== undefined) headers["content-type"] = "application/json";
  else if (options.bytes !== undefined) headers["content-type"] = options.contentType ?? "application/octet-stream";
  return headers;
}

function timeoutSignal(ms: number, outer?: AbortSignal): AbortSignal {
  const t = AbortSignal.timeout(ms);
  return outer ? AbortSignal.any([outer, t]) : t;
}

function isJsonType(type: string | null, sub: "json" | "problem+json"): boolean {
  const base = (type ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return sub === "json" ? base === "application/json" || base === "application/problem+json" : base === "application/problem+json";
}

function retryAfterSeconds(res: Response): number | undefined {
  const v = res.headers.get("retry-after");
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

/** Turns a non-2xx answer into a RemoteError: a problem when it is one, else `no-server`. */
async function failureOf(res: Response): Promise<RemoteError> {
  if (isJsonType(res.headers.get("content-type"), "problem+json")) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    const parsed = apiProblemSchema.safeParse(body);
    if (parsed.success) {
      const p = parsed.data;
      return new RemoteError("problem", p.detail ?? p.title, res.status, problemCode(p.type), p, retryAfterSeconds(res));
    }
  }
  // A bare 502/503/504 from a proxy in front of a server that is down is worth retrying like a network failure.
  if (res.status === 502 || res.status === 503 || res.status === 504) return new RemoteError("network", `the server is not reachable (HTTP ${res.status})`, res.status, undefined, undefined, retryAfterSeconds(res));
  return new RemoteError("no-server", `no collection server answers at /api (HTTP ${res.status}, ${res.headers.get("content-type") ?? "no content type"})`, res.status);
}

/**
 * Sends one request to `/api{path}` and returns the 2xx (or 304) response; any other answer or
 * no answer at all is thrown as a RemoteError.
 */
export async function apiRequest(path: string, options: RequestOptions = {}, fetchImpl: FetchLike = (i, init) => fetch(i, init)): Promise<Response> {
  const body: string | Blob | undefined = options.jsonText ?? (options.json !== undefined ? JSON.stringify(options.json) : options.bytes);
  const method = options.method ?? (body === undefined ? "GET" : "POST");
  let res: Response;
  try {
    res = await fetchImpl(apiUrl(path), {
      method,
      headers: headersFor(options, method),
      ...(body !== undefined ? { body } : {}),
      credentials: "same-origin",
      cache: "no-store",
      signal: timeoutSignal(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal),
    });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw new RemoteError("network", e instanceof Error && e.name === "TimeoutError" ? "the server did not answer in time" : "the server could not be reached");
  }
  if ((res.status >= 200 && res.status < 300) || res.status === 304) return res;
  throw await failureOf(res);
}

/** `apiRequest`, then the JSON body parsed with `schema`; an answer that is not JSON (an HTML page) is `no-server`. */
export async function apiJson<S extends z.ZodType>(schema: S, path: string, options: RequestOptions = {}, fetchImpl?: FetchLike): Promise<z.infer<S>> {
  const res = await apiRequest(path, options, fetchImpl);
  if (!isJsonType(res.headers.get("content-type"), "json")) {
    throw new RemoteError("no-server", `no collection server answers at /api (got ${res.headers.get("content-type") ?? "no content type"})`, res.status);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new RemoteError("bad-answer", "the server's answer is not valid JSON", res.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new RemoteError("bad-answer", `the server's answer does not have the expected shape: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`, res.status);
  return parsed.data as z.infer<S>;
}

/** `apiRequest` for a text body (a survey file as published). */
export async function apiText(path: string, options: RequestOptions = {}, fetchImpl?: FetchLike): Promise<{ text: string; etag: string | null; status: number }> {
  const res = await apiRequest(path, options, fetchImpl);
  const type = res.headers.get("content-type") ?? "";
  if (/text\/html/i.test(type)) throw new RemoteError("no-server", "no collection server answers at /api (got an HTML page)", res.status);
  return { text: await res.text(), etag: res.headers.get("etag"), status: res.status };
}
