/**
 * Configuration from the environment, checked at start: a wrong value stops the server with a
 * message that names the variable and says what it accepts.
 */
import { resolve } from "node:path";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) => z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min).max(max);

export const envSchema = z.object({
  PORT: int(0, 65535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** postgres://user:password@host:port/database; unset: the embedded database in DATA_DIR. */
  DATABASE_URL: z
    .url({ error: "must be a URL such as postgres://user:password@localhost:5432/survey_studio" })
    .refine((u) => /^postgres(ql)?:\/\//.test(u), "must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  /** Where the embedded database keeps its files; ":memory:" keeps nothing (tests). */
  DATA_DIR: z.string().min(1).default("data"),
  /** The address people and devices use (links and sign-in links start with it). */
  PUBLIC_URL: z.url({ error: "must be a URL such as https://surveys.example.org" }).optional(),
  /** The built app to serve (npm run build); unset or missing: the API only. */
  STATIC_DIR: z.string().min(1).default("dist"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Behind a reverse proxy that sets X-Forwarded-For / -Proto. */
  TRUST_PROXY: bool.default(false),
  SESSION_DAYS: int(1, 90).default(14),
  SIGN_IN_LINK_HOURS: int(1, 24 * 14).default(72),
  /** A submitted response's JSON body (a 92-answer response is about 6 KB). */
  MAX_RESPONSE_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  MAX_DEFINITION_BYTES: int(1024, 64 * 1024 * 1024).default(5 * 1024 * 1024),
  MAX_ATTACHMENT_BYTES: int(1024, 1024 * 1024 * 1024).default(20 * 1024 * 1024),
  /** How long shutdown waits for requests in flight before it gives up. */
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(25_000),
  /** Sign-in attempts per IP and minute. */
  SIGN_IN_PER_MINUTE: int(1, 10_000).default(10),
});

export interface ServerConfig {
  port: number;
  host: string;
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string | null };
  publicUrl: string;
  staticDir: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  trustProxy: boolean;
  sessionMs: number;
  signInLinkMs: number;
  limits: { response: number; definition: number; attachment: number };
  shutdownGraceMs: number;
  signInPerMinute: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and checks the environment; throws a ConfigError listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${String(i.path[0] ?? "?")}=${JSON.stringify(present[String(i.path[0])] ?? "")}: ${i.message}`);
    throw new ConfigError(`the server's configuration is not valid:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const port = e.PORT;
  return {
    port,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : { kind: "pglite", dataDir: e.DATA_DIR === ":memory:" ? null : resolve(cwd, e.DATA_DIR) },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    staticDir: resolve(cwd, e.STATIC_DIR),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    sessionMs: e.SESSION_DAYS * 86_400_000,
    signInLinkMs: e.SIGN_IN_LINK_HOURS * 3_600_000,
    limits: { response: e.MAX_RESPONSE_BYTES, definition: e.MAX_DEFINITION_BYTES, attachment: e.MAX_ATTACHMENT_BYTES },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    signInPerMinute: e.SIGN_IN_PER_MINUTE,
  };
}
