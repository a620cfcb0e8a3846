/**
 * Passwords with argon2id (the `argon2` package: prebuilt for Linux, macOS and Windows inside
 * the npm package itself, compiled with node-gyp elsewhere; nothing is downloaded at install).
 * Parameters: OWASP's first argon2id choice, 19 MiB memory, 2 iterations, 1 lane.
 */
import argon2 from "argon2";

const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Spend the same time as a real check, so that response times do not tell which emails exist.
    await argon2.hash(password, OPTIONS);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
