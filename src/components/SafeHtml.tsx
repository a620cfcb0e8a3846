import DOMPurify from "dompurify";
import { createMemo } from "solid-js";
import { deploymentPolicy } from "../security/deployment.ts";
import { filterSrcset, isAllowedUrl, type UrlUse } from "../security/url-policy.ts";

/** Attributes whose address the browser loads, or goes to when the link is followed. */
const URL_ATTRIBUTES: [string, UrlUse][] = [
  ["src", "load"],
  ["poster", "load"],
  ["background", "load"],
  ["data", "load"],
  ["href", "navigate"],
  ["xlink:href", "navigate"],
  ["action", "navigate"],
  ["formaction", "navigate"],
];
/** Links that hand the address to another application, only when the person follows them. */
const HANDOFF = /^\s*(mailto|tel):/i;

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  // Definitions are data: nothing in their HTML loads from, or links to, an origin the deployment does not allow.
  const policy = deploymentPolicy();
  for (const [attr, use] of URL_ATTRIBUTES) {
    const value = node.getAttribute(attr);
    if (value === null) continue;
    const ok = use === "navigate" && node.nodeName === "A" && attr === "href" ? HANDOFF.test(value) || isAllowedUrl(value, use, policy) : isAllowedUrl(value, use, policy);
    if (!ok) node.removeAttribute(attr);
  }
  for (const attr of ["srcset", "imagesrcset"]) {
    const value = node.getAttribute(attr);
    if (value === null) continue;
    const kept = filterSrcset(value, policy);
    if (kept) node.setAttribute(attr, kept);
    else node.removeAttribute(attr);
  }
  // An image from a survey without a text alternative is treated as decorative rather than read out as a file name.
  if (node.nodeName === "IMG" && !node.hasAttribute("alt")) node.setAttribute("alt", "");
  // Links that open elsewhere must not get a handle on this page.
  if (node.nodeName === "A" && node.getAttribute("target") === "_blank") node.setAttribute("rel", "noopener noreferrer");
});

const FORBID_TAGS = ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "svg", "math", "link", "meta", "base"];
// Style attributes could load from anywhere through url(); ping posts to any address when a link is followed.
const FORBID_ATTR = ["style", "ping"];

/**
 * Renders HTML that comes from a survey definition, after DOMPurify has removed anything
 * executable and every address the deployment does not allow (src/security/url-policy.ts).
 */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS, FORBID_ATTR, ALLOW_DATA_ATTR: false });
}

export default function SafeHtml(props: { html: string; class?: string }) {
  const clean = createMemo(() => sanitizeHtml(props.html));
  return <div class={props.class} innerHTML={clean()} />;
}
