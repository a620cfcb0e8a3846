import { createHash, randomBytes } from "node:crypto";

/** A random secret for a cookie, link or sign-in token: 32 bytes, base64url. */
export function newToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, so a leaked table grants nothing. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
