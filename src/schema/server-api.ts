/**
 * The collection server's wire contracts besides submissions (src/schema/submission.ts):
 * problems (RFC 9457), published definitions, publishing, sessions, users, roles and collection
 * links. docs/api.md describes the routes; the server and the app parse these same schemas.
 */
import { z } from "zod";
import "./zod-config.ts";

const isoUtc = z.iso.datetime({ offset: false });

// ---------------------------------------------------------------------------------------------
// Problems: application/problem+json (RFC 9457)
// ---------------------------------------------------------------------------------------------

/** Every problem the server reports; the `type` URI is `PROBLEM_TYPE_PREFIX + code`, stable for translation. */
export const PROBLEM_CODES = [
  "bad-request",
  "invalid-body",
  "body-too-large",
  "too-deep",
  "unsupported-media-type",
  "unauthenticated",
  "sign-in-failed",
  "csrf",
  "forbidden",
  "link-invalid",
  "link-revoked",
  "link-expired",
  "link-wrong-survey",
  "not-found",
  "unknown-version",
  "hash-mismatch",
  "revision-conflict",
  "response-id-taken",
  "version-conflict",
  "lint-errors",
  "rate-limited",
  "shutting-down",
  "internal",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const PROBLEM_TYPE_PREFIX = "urn:survey-studio:problem:";

export function problemType(code: ProblemCode): string {
  return PROBLEM_TYPE_PREFIX + code;
}

/** The code of a problem type, or undefined for a type this app does not know. */
export function problemCode(type: string): ProblemCode | undefined {
  if (!type.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const code = type.slice(PROBLEM_TYPE_PREFIX.length);
  return (PROBLEM_CODES as readonly string[]).includes(code) ? (code as ProblemCode) : undefined;
}

/** One thing wrong with a request body: where (a JSON path) and what. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

export const apiProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Body problems, each with its JSON path. */
  errors: z.array(fieldErrorSchema).optional(),
});
export type ApiProblem = z.infer<typeof apiProblemSchema>;

// ---------------------------------------------------------------------------------------------
// Published definitions
// ---------------------------------------------------------------------------------------------

export const publishedVersionSchema = z.object({
  version: z.number().int().positive(),
  /** SHA-256 of the definition text; also its ETag. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: isoUtc,
});
export type PublishedVersion = z.infer<typeof publishedVersionSchema>;

/** `GET /api/surveys`: the surveys the caller may see, with every published version. */
export const publishedSurveyListSchema = z.object({
  surveys: z.array(
    z.object({
      surveyId: z.string(),
      /** The newest version's title (the survey file's `title`: a string or texts per language). */
      title: z.union([z.string(), z.record(z.string(), z.string())]),
      latest: z.number().int().positive(),
      versions: z.array(publishedVersionSchema),
    }),
  ),
});
export type PublishedSurveyList = z.infer<typeof publishedSurveyListSchema>;

/** A lint finding, as `npm run lint:surveys` prints it (src/schema/problem.ts `Problem`). */
export const lintProblemSchema = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  source: z.string(),
});

/** A change that breaks the responses already collected (src/survey/designer/breaking.ts). */
export const breakingChangeSchema = z.object({
  kind: z.enum(["removed", "renamed", "typeChanged", "choicesRemoved"]),
  /** The data key, e.g. `q` or `panel.q`. */
  field: z.string(),
  to: z.string().optional(),
  values: z.array(z.string()).optional(),
  /** Stored responses (latest revisions) with an answer the change affects. */
  affectedResponses: z.number().int().min(0),
  message: z.string(),
});
export type BreakingChangeReport = z.infer<typeof breakingChangeSchema>;

/** `PUT /api/surveys/{id}/versions/{version}` (201, 200) and `POST …/lint`: what publishing did or would do. */
export const publishReportSchema = z.object({
  surveyId: z.string(),
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  outcome: z.enum(["created", "identical", "checked"]),
  /** The version the breaking changes are measured against (the newest published before this one). */
  previousVersion: z.number().int().positive().nullable(),
  problems: z.array(lintProblemSchema),
  breaking: z.array(breakingChangeSchema),
});
export type PublishReport = z.infer<typeof publishReportSchema>;

// ---------------------------------------------------------------------------------------------
// People, sessions, roles, links
// ---------------------------------------------------------------------------------------------

export const SURVEY_ROLES = ["admin", "designer", "analyst"] as const;
export const surveyRoleSchema = z.enum(SURVEY_ROLES);
export type SurveyRole = z.infer<typeof surveyRoleSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  /** Server administrators manage accounts and every survey. */
  serverAdmin: z.boolean(),
  createdAt: isoUtc,
  disabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** `GET /api/session` and the answer to signing in. */
export const sessionSchema = z.object({
  user: userSchema,
  roles: z.array(z.object({ surveyId: z.string(), role: surveyRoleSchema })),
  /** Send it back as the `X-CSRF-Token` header on every request that changes something. */
  csrfToken: z.string(),
  expiresAt: isoUtc,
});
export type Session = z.infer<typeof sessionSchema>;

export const signInSchema = z.strictObject({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) });
/** Consuming a one-time sign-in link: the token, and the password to set (at least 12 characters). */
export const signInWithTokenSchema = z.strictObject({ token: z.string().min(20).max(200), password: z.string().min(12, "must be at least 12 characters").max(1024) });

export const createUserSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  serverAdmin: z.boolean().optional(),
});

/** `POST /api/users` answer: the account and its one-time sign-in link (shown once). */
export const createdUserSchema = z.object({ user: userSchema, signInUrl: z.string(), signInExpiresAt: isoUtc });

export const roleGrantSchema = z.strictObject({ role: surveyRoleSchema });
export const surveyMemberSchema = z.object({ userId: z.uuid(), email: z.string(), name: z.string(), role: surveyRoleSchema });

export const createLinkSchema = z.strictObject({
  label: z.string().trim().min(1).max(200),
  /** Days until the link stops working (default 30, at most 366). */
  expiresInDays: z.number().int().min(1).max(366).optional(),
  /** Submissions per minute the link accepts (default 600). */
  perMinute: z.number().int().min(1).max(100_000).optional(),
});

export const collectionLinkSchema = z.object({
  id: z.uuid(),
  surveyId: z.string(),
  label: z.string(),
  createdAt: isoUtc,
  expiresAt: isoUtc,
  revokedAt: isoUtc.nullable(),
  perMinute: z.number().int(),
});
export type CollectionLink = z.infer<typeof collectionLinkSchema>;

/** `POST …/links` answer: the link, its token and the URL to hand out (both shown once: only a hash is stored). */
export const createdLinkSchema = z.object({ link: collectionLinkSchema, token: z.string(), url: z.string() });

/** `GET /api/link`: what a collection link's bearer may use. */
export const linkInfoSchema = z.object({ surveyId: z.string(), label: z.string(), expiresAt: isoUtc, latest: z.number().int().positive().nullable() });

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: isoUtc,
  actor: z.string(),
  action: z.string(),
  surveyId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema) });

// ---------------------------------------------------------------------------------------------
// Export from the server: the app's and the CLI's options, as query parameters
// ---------------------------------------------------------------------------------------------

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/**
 * `GET /api/surveys/{id}/export?…`: the export options of src/export (ExportOptions), and which
 * file: `csv` (the responses), `codebook`, or `zip` (every file; the default with repeats=files).
 */
export const exportQuerySchema = z.strictObject({
  file: z.enum(["csv", "codebook", "zip"]).optional(),
  headers: z.enum(["names", "titles"]).optional(),
  values: z.enum(["codes", "labels"]).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, "must be a language code such as en, fr, es or ar").optional(),
  delimiter: z.enum(["comma", "semicolon", "tab"]).optional(),
  bom: flag.optional(),
  includeDrafts: flag.optional(),
  multi: z.enum(["joined", "columns"]).optional(),
  repeats: z.enum(["wide", "files"]).optional(),
  neutralize: flag.optional(),
  separator: z.enum(["/", "_", "."]).optional(),
  lineEnding: z.enum(["crlf", "lf"]).optional(),
  decimalMark: z.enum([".", ","]).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** `GET /api/surveys/{id}/responses?…`: one page of the latest revisions, oldest first. */
export const responseListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The `next` of the previous page. */
  after: z.string().max(400).optional(),
  status: z.enum(["draft", "completed"]).optional(),
});
