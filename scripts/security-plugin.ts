import type { Plugin } from "vite";
import { contentSecurityPolicy, headersFile, securityHeaders } from "../src/security/csp.ts";
import { parseAllowedOrigins } from "../src/security/url-policy.ts";

/** The deployment's allow-list: `SURVEY_STUDIO_ALLOWED_ORIGINS`, origins separated by commas or spaces. */
export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const { origins, problems } = parseAllowedOrigins(env["SURVEY_STUDIO_ALLOWED_ORIGINS"]);
  if (problems.length > 0) throw new Error(`SURVEY_STUDIO_ALLOWED_ORIGINS: ${problems.join("; ")}`);
  return origins;
}

/**
 * The app's security settings, from one allow-list read at build time:
 * - `__SURVEY_STUDIO_ALLOWED_ORIGINS__` for the code (src/security/deployment.ts);
 * - the Content-Security-Policy as the first element of index.html's `<head>`;
 * - the same policy (with frame-ancestors) and the other security headers sent by the dev server
 *   and `vite preview`, and written to `_headers` in the build for hosts that read that file.
 */
export function securityPlugin(): Plugin {
  const allowedOrigins = allowedOriginsFromEnv();
  const headers = securityHeaders({ allowedOrigins });
  return {
    name: "survey-studio:security",
    config() {
      return {
        define: { __SURVEY_STUDIO_ALLOWED_ORIGINS__: JSON.stringify(allowedOrigins) },
        server: { headers },
        preview: { headers },
      };
    },
    transformIndexHtml: {
      order: "pre",
      handler() {
        return [{ tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy({ allowedOrigins }) }, injectTo: "head-prepend" }];
      },
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile({ allowedOrigins }) });
    },
  };
}
