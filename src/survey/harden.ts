/**
 * survey-core, made to treat a definition as data. Imported (for its effects) by every module of
 * src/survey/ that creates models, so that no model, whatever it is for, escapes it:
 *
 * - it never navigates: `navigateTo` only asks `onNavigateToUrl` (the session decides, see
 *   create-survey-session.ts, and only for allowed addresses, never in the designer's preview);
 * - it never reads or writes a cookie (`cookieName` is ignored);
 * - it requests choices (`choicesByUrl`) only for a respondent's or a preview's model
 *   ({@link createLiveModel}), and only from allowed origins: models made to check or list
 *   definitions request nothing;
 * - URL-valued texts (`imageLink` of images and choices, `logo`, `backgroundImage`) read as ""
 *   when, answers filled in, they point anywhere the deployment does not allow;
 * - a dropdown's HTML-to-text conversion runs in an inert document.
 *
 * The definition itself is defused first (src/security/definition-urls.ts): what is not allowed
 * is removed before survey-core sees it. The URL policy is the deployment's (src/security/).
 */
import { DropdownListModel, LocalizableString, Model, settings } from "survey-core";
import { defuseDefinition } from "../security/definition-urls.ts";
import { deploymentPolicy } from "../security/deployment.ts";
import { isAllowedUrl, type UrlPolicy } from "../security/url-policy.ts";

let policy: UrlPolicy | undefined;

/** The URL policy models follow: the deployment's, unless a test set another. */
export function urlPolicy(): UrlPolicy {
  policy ??= deploymentPolicy();
  return policy;
}

/** For tests (Node has no page origin): the policy models follow from now on. */
export function setUrlPolicy(next: UrlPolicy | undefined): void {
  policy = next;
}

// ---------- HTML to text in an inert document ----------
/**
 * survey-core's dropdown turns a choice's HTML text into plain text by assigning it to the
 * `innerHTML` of an element of the page's own document: an `<img onerror>` in a choice then runs
 * (the Content-Security-Policy blocks it, but that is the second line). Parse it in an inert
 * document instead: nothing there loads or runs.
 */
function htmlToText(html: string): string {
  if (typeof DOMParser === "undefined") return html.replace(/<[^>]*>/g, "");
  return new DOMParser().parseFromString(html, "text/html").body.textContent ?? "";
}
(DropdownListModel.prototype as unknown as { cleanHtml(html: string): string }).cleanHtml = htmlToText;

// ---------- no navigation by survey-core itself ----------
interface NavigatingModel {
  getNavigateToUrl(): string;
  onNavigateToUrl: { fire(sender: unknown, options: { url: string; allow: boolean }): void };
}
/** Tells `onNavigateToUrl` where the definition would go; survey-core itself never sets `location`. */
(Model.prototype as unknown as { navigateTo(this: NavigatingModel): void }).navigateTo = function navigateTo(this: NavigatingModel) {
  this.onNavigateToUrl.fire(this, { url: this.getNavigateToUrl(), allow: false });
};

// ---------- no cookies ----------
Object.defineProperty(Model.prototype, "hasCookie", { configurable: true, get: () => false });
const modelProto = Model.prototype as unknown as { setCookie(): void; deleteCookie(): void };
modelProto.setCookie = () => undefined;
modelProto.deleteCookie = () => undefined;

// ---------- URL-valued texts ----------
const URL_TEXTS = new Set(["imageLink", "logo", "backgroundImage"]);
const locProto = LocalizableString.prototype as unknown as { calcText(): string; name?: string };
const calcText = locProto.calcText;
locProto.calcText = function (this: { name?: string }) {
  const text = calcText.call(this) as string;
  return text && this.name && URL_TEXTS.has(this.name) && !isAllowedUrl(text, "load", urlPolicy()) ? "" : text;
};
const pureText = Object.getOwnPropertyDescriptor(LocalizableString.prototype, "pureText");
if (pureText?.get) {
  const get = pureText.get;
  Object.defineProperty(LocalizableString.prototype, "pureText", {
    ...pureText,
    get(this: { name?: string }) {
      const text = get.call(this) as string;
      // Before answers are filled in, a placeholder may stand anywhere: only a fixed start is judged here.
      const fixed = typeof text === "string" ? text.split("{")[0] ?? "" : "";
      return text && this.name && URL_TEXTS.has(this.name) && fixed && !isAllowedUrl(fixed, "load", urlPolicy()) ? "" : text;
    },
  });
}

// ---------- choicesByUrl ----------
/** Models made for respondents and previews (the only ones that may request choices). */
const liveModels = new WeakSet<object>();
let loadingLive = 0;

settings.web.onBeforeRequestChoices = (sender: unknown, options: { url: string; request?: XMLHttpRequest; fetchOptions?: RequestInit }) => {
  const survey = (sender as { getSurvey?: () => object | null }).getSurvey?.();
  const live = loadingLive > 0 || (survey != null && liveModels.has(survey));
  if (live && isAllowedUrl(options.url, "fetch", urlPolicy())) return;
  // Refused: the question fails to load its list (and keeps its own choices); nothing is sent.
  if (options.request) {
    const xhr = options.request;
    const refused = { send: () => setTimeout(() => xhr.onerror?.call(xhr, new ProgressEvent("error"))) };
    options.request = refused as unknown as XMLHttpRequest;
  }
  if (options.fetchOptions) options.fetchOptions.signal = AbortSignal.abort();
};

/**
 * A model for a respondent or the designer's preview: the definition defused by the deployment's
 * URL policy; it may request choices from allowed origins.
 */
export function createLiveModel(definition: Record<string, unknown>): Model {
  const safe = defuseDefinition(definition, urlPolicy());
  loadingLive++;
  try {
    const model = new Model(safe === definition ? structuredClone(definition) : safe);
    liveModels.add(model);
    return model;
  } finally {
    loadingLive--;
  }
}
