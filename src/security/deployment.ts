import { UNKNOWN_APP_ORIGIN, type UrlPolicy } from "./url-policy.ts";

/** The allow-list this build was made with (SURVEY_STUDIO_ALLOWED_ORIGINS), empty where no build defined it. */
export const DEPLOYMENT_ALLOWED_ORIGINS: readonly string[] = typeof __SURVEY_STUDIO_ALLOWED_ORIGINS__ === "undefined" ? [] : __SURVEY_STUDIO_ALLOWED_ORIGINS__;

/** The policy of the running app: its own origin and the build's allow-list. */
export function deploymentPolicy(): UrlPolicy {
  const origin = typeof location !== "undefined" && /^https?:$/.test(location.protocol) ? location.origin : UNKNOWN_APP_ORIGIN;
  return { origin, allowed: DEPLOYMENT_ALLOWED_ORIGINS };
}
