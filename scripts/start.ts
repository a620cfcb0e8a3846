/**
 * `npm start`: everything on one machine with one command. The collection server with its
 * embedded database (data/) on SERVER_PORT (default 8787), and the app's Vite dev server on
 * APP_PORT (default 5173), which passes /api and the sign-in page to the server, so the app and
 * the API share one origin. Prints the address to open and, on first start, the sign-in link.
 * Ctrl-C stops both (the server finishes requests in flight first).
 */
import { createServer } from "vite";
import { parseConfig } from "../server/config.ts";
import { serve } from "../server/main.ts";

const appPort = Number(process.env["APP_PORT"] ?? 5173);
const serverPort = Number(process.env["SERVER_PORT"] ?? process.env["PORT"] ?? 8787);
const appUrl = `http://localhost:${appPort}`;

const lines: string[] = [];
const config = parseConfig({ LOG_LEVEL: "warn", ...process.env, PORT: String(serverPort), PUBLIC_URL: process.env["PUBLIC_URL"] ?? appUrl });
const server = await serve(config, (l) => void lines.push(l));

const target = `http://127.0.0.1:${serverPort}`;
const vite = await createServer({
  server: {
    port: appPort,
    strictPort: true,
    proxy: { "/api": target, "/sign-in": target, "/healthz": target, "/readyz": target },
  },
});
await vite.listen();

process.stdout.write(`\n  Survey Studio: ${appUrl}\n  Collection server API: ${appUrl}/api (server on ${target}; ${server.database.describe()})\n`);
const signIn = lines.join("\n").match(/First start:[\s\S]*/);
if (signIn) process.stdout.write(`\n  ${signIn[0].trim().replace(/\n/g, "\n  ")}\n`);
process.stdout.write("\n  Ctrl-C stops both.\n\n");

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vite.close();
  await server.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
