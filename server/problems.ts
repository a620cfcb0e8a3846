/** Errors as application/problem+json (RFC 9457) with a stable `type` (src/schema/server-api.ts). */
import type { FastifyReply } from "fastify";
import type { z } from "zod";
import { problemType, type ProblemCode } from "../src/schema/server-api.ts";

const TITLES: Record<ProblemCode, string> = {
  "bad-request": "The request is not valid",
  "invalid-body": "The request body is not valid",
  "body-too-large": "The request body is too large",
  "too-deep": "The request body nests too deeply",
  "unsupported-media-type": "This content type is not accepted here",
  unauthenticated: "Sign in first",
  "sign-in-failed": "The email or password is wrong",
  csrf: "The request did not carry this session's CSRF token",
  forbidden: "You may not do this",
  "link-invalid": "This collection link is not valid",
  "link-revoked": "This collection link was revoked",
  "link-expired": "This collection link has expired",
  "link-wrong-survey": "This collection link is for another survey",
  "not-found": "Not found",
  "unknown-version": "The server has no such survey version",
  "hash-mismatch": "The content hash does not match the content",
  "revision-conflict": "This revision is stored with different content",
  "response-id-taken": "This response id belongs to another survey",
  "version-conflict": "This version is published with different content",
  "lint-errors": "The survey has errors",
  "rate-limited": "Too many requests",
  "shutting-down": "The server is shutting down",
  internal: "Something went wrong on the server",
};

export const STATUS: Record<ProblemCode, number> = {
  "bad-request": 400,
  "invalid-body": 400,
  "body-too-large": 413,
  "too-deep": 400,
  "unsupported-media-type": 415,
  unauthenticated: 401,
  "sign-in-failed": 401,
  csrf: 403,
  forbidden: 403,
  "link-invalid": 401,
  "link-revoked": 401,
  "link-expired": 401,
  "link-wrong-survey": 403,
  "not-found": 404,
  "unknown-version": 422,
  "hash-mismatch": 422,
  "revision-conflict": 409,
  "response-id-taken": 409,
  "version-conflict": 409,
  "lint-errors": 422,
  "rate-limited": 429,
  "shutting-down": 503,
  internal: 500,
};

/** A problem to send: thrown anywhere in a handler, answered by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? TITLES[code]);
  }
  get status(): number {
    return STATUS[this.code];
  }
  body(instance?: string): Record<string, unknown> {
    return { type: problemType(this.code), title: TITLES[this.code], status: this.status, ...(this.detail ? { detail: this.detail } : {}), ...(instance ? { instance } : {}), ...this.extra };
  }
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  return reply.code(problem.status).type("application/problem+json; charset=utf-8").send(problem.body(reply.request.url.split("?")[0]));
}

/** A zod failure as an `invalid-body` (or `bad-request`) problem listing every field with its path. */
export function zodProblem(error: z.ZodError, code: "invalid-body" | "bad-request" = "invalid-body", where = "the body"): HttpProblem {
  const errors = error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join(".") || "", message: i.message }));
  const first = errors[0];
  const detail = first ? `${first.path ? `${first.path}: ` : `${where}: `}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}` : `${where} is not valid`;
  return new HttpProblem(code, detail, { errors });
}

/** Parses with a schema or throws the problem. */
export function parseOr<T>(schema: z.ZodType<T>, value: unknown, code: "invalid-body" | "bad-request" = "invalid-body", where?: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw zodProblem(r.error, code, where);
  return r.data;
}
