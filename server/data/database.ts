/**
 * The server's database: PostgreSQL, embedded (PGlite, a data directory on disk) by default or a
 * real server when DATABASE_URL is set.
 *
 * Why Kysely: it is a typed query builder, not an ORM. The SQL we write is the SQL that runs, so
 * what PostgreSQL guarantees (unique constraints, ON CONFLICT, transactions, cursors) is used
 * directly, and the same queries run on both engines: Kysely's PostgreSQL dialect over `pg` for a
 * server, and the same dialect over PGlite (pglite-dialect.ts) for the embedded database. Drizzle
 * would do as well; Kysely has no schema DSL to learn and its migrations are plain code.
 *
 * Only server/data/ imports this (ESLint keeps it so).
 */
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type ColumnType, type Generated } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.ts";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: string;
  email: string;
  /** lower(email): the unique key. */
  email_key: string;
  name: string;
  password_hash: string | null;
  server_admin: boolean;
  created_at: GeneratedTimestamp;
  disabled_at: Timestamp | null;
}

export interface SignInTokensTable {
  token_hash: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface SurveysTable {
  id: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface SurveyVersionsTable {
  survey_id: string;
  version: number;
  hash: string;
  text: string;
  title: ColumnType<unknown, string, string>;
  published_at: GeneratedTimestamp;
  published_by: string | null;
}

export interface SurveyRolesTable {
  survey_id: string;
  user_id: string;
  role: "admin" | "designer" | "analyst";
  granted_at: GeneratedTimestamp;
  granted_by: string | null;
}

export interface CollectionLinksTable {
  id: string;
  survey_id: string;
  token_hash: string;
  label: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  per_minute: number;
}

/** The latest revision of each response: one row per response id (exports and listings read this). */
export interface ResponsesTable {
  id: string;
  survey_id: string;
  revision: number;
  content_hash: string;
  survey_version: number;
  status: "draft" | "completed";
  data: ColumnType<Record<string, unknown>, string, string>;
  language: string;
  current_page: string | null;
  progress: number;
  /** The device's ISO 8601 UTC texts, kept exactly as sent. */
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  received_at: GeneratedTimestamp;
}

/** Every revision ever received, never changed: the history, and the exactly-once key (response_id, revision). */
export interface ResponseRevisionsTable {
  response_id: string;
  revision: number;
  survey_id: string;
  replaces: number | null;
  content_hash: string;
  record: ColumnType<Record<string, unknown>, string, string>;
  received_at: GeneratedTimestamp;
  received_via: string;
}

export interface AttachmentsTable {
  survey_id: string;
  hash: string;
  content_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: GeneratedTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actor: string;
  action: string;
  survey_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface Schema {
  users: UsersTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_roles: SurveyRolesTable;
  collection_links: CollectionLinksTable;
  responses: ResponsesTable;
  response_revisions: ResponseRevisionsTable;
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
}

export type Db = Kysely<Schema>;

export type DatabaseTarget = { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string | null };

export interface Database {
  db: Db;
  target: DatabaseTarget;
  /** A short description for logs: never the password. */
  describe(): string;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    // node-pg returns bigint (int8) as text; our counts are cast to int in SQL, ids are int4 or text.
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize, application_name: "survey-studio" });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(target.url);
    return {
      db,
      target,
      describe: () => `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const pglite = target.dataDir === null ? new PGlite() : new PGlite(target.dataDir);
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    target,
    describe: () => (target.dataDir === null ? "embedded PostgreSQL (PGlite) in memory" : `embedded PostgreSQL (PGlite) in ${target.dataDir}`),
    close: () => db.destroy(),
  };
}
