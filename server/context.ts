/** What every route handler shares: the database, the configuration, readiness. */
import type { Access, LinkCache } from "./auth.ts";
import type { ServerConfig } from "./config.ts";
import type { Database } from "./data/database.ts";

export interface AppContext {
  db: Database["db"];
  database: Database;
  config: ServerConfig;
  links: LinkCache;
  /** False once shutdown has begun (/readyz answers 503). */
  ready: { value: boolean };
}

/** One route of the API, as the access table lists it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}
