/**
 * Versioned migrations, applied in order at start (and by `npm run server -- migrate`) with
 * Kysely's Migrator, which records them in `kysely_migration` and takes a lock so that two
 * servers starting together on one database apply each migration once. Never edit a migration
 * that has shipped: add the next one.
 *
 * Answers are stored as `json`, not `jsonb`: `json` keeps the text as the device sent it (key
 * order, number spelling), so what comes back out, and the export's column order for keys no
 * definition knows, is exactly what went in.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from "kysely";

/** Runs a script of statements one by one (the extended protocol, which both engines use, takes one at a time). */
async function statements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const migrations: Record<string, Migration> = {
  "0001-initial": {
    async up(db: Kysely<unknown>) {
      await statements(db, `
        create table users (
          id uuid primary key,
          email text not null,
          email_key text not null unique,
          name text not null,
          password_hash text,
          server_admin boolean not null default false,
          created_at timestamptz not null default now(),
          disabled_at timestamptz
        );
        create table sign_in_tokens (
          token_hash text primary key,
          user_id uuid not null references users (id) on delete cascade,
          created_at timestamptz not null default now(),
          expires_at timestamptz not null,
          used_at timestamptz
        );
        create table sessions (
          token_hash text primary key,
          user_id uuid not null references users (id) on delete cascade,
          csrf_token text not null,
          created_at timestamptz not null default now(),
          expires_at timestamptz not null
        );
        create index sessions_user on sessions (user_id);
        create table surveys (
          id text primary key,
          created_at timestamptz not null default now(),
          created_by uuid references users (id) on delete set null
        );
        create table survey_versions (
          survey_id text not null references surveys (id),
          version integer not null check (version > 0),
          hash text not null,
          text text not null,
          title jsonb not null,
          published_at timestamptz not null default now(),
          published_by uuid references users (id) on delete set null,
          primary key (survey_id, version)
        );
        create table survey_roles (
          survey_id text not null references surveys (id),
          user_id uuid not null references users (id) on delete cascade,
          role text not null check (role in ('admin', 'designer', 'analyst')),
          granted_at timestamptz not null default now(),
          granted_by uuid references users (id) on delete set null,
          primary key (survey_id, user_id)
        );
        create index survey_roles_user on survey_roles (user_id);
        create table collection_links (
          id uuid primary key,
          survey_id text not null references surveys (id),
          token_hash text not null unique,
          label text not null,
          created_at timestamptz not null default now(),
          created_by uuid references users (id) on delete set null,
          expires_at timestamptz not null,
          revoked_at timestamptz,
          per_minute integer not null check (per_minute > 0)
        );
        create index collection_links_survey on collection_links (survey_id);
        create table responses (
          id text primary key,
          survey_id text not null references surveys (id),
          revision integer not null check (revision > 0),
          content_hash text not null,
          survey_version integer not null,
          status text not null check (status in ('draft', 'completed')),
          data json not null,
          language text not null,
          current_page text,
          progress double precision not null,
          created_at text not null,
          updated_at text not null,
          completed_at text,
          received_at timestamptz not null default now()
        );
        create index responses_export_order on responses (survey_id, created_at collate "C", id collate "C");
        create table response_revisions (
          response_id text not null,
          revision integer not null check (revision > 0),
          survey_id text not null references surveys (id),
          replaces integer,
          content_hash text not null,
          record json not null,
          received_at timestamptz not null default now(),
          received_via text not null,
          primary key (response_id, revision)
        );
        create table attachments (
          survey_id text not null references surveys (id),
          hash text not null,
          content_type text not null,
          size integer not null,
          bytes bytea not null,
          created_at timestamptz not null default now(),
          primary key (survey_id, hash)
        );
        create table audit_log (
          id integer generated always as identity primary key,
          at timestamptz not null default now(),
          actor text not null,
          action text not null,
          survey_id text,
          detail jsonb not null
        );
        create index audit_log_survey on audit_log (survey_id, id);
      `);
    },
  },
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${reason}`);
  }
  return result;
}

/** The names of all migrations this build knows, oldest first. */
export const MIGRATION_NAMES = Object.keys(migrations).sort();
