import DOMPurify from "dompurify";
import { createMemo } from "solid-js";

// An image from a survey without a text alternative is treated as decorative rather than read out as a file name.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.nodeName === "IMG" && !node.hasAttribute("alt")) node.setAttribute("alt", "");
  // Links that open elsewhere must not get a handle on this page.
  if (node.nodeName === "A" && node.getAttribute("target") === "_blank") node.setAttribute("rel", "noopener noreferrer");
});

const FORBID_TAGS = ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "svg", "math"];

/** Renders HTML that comes from a survey definition, after DOMPurify has removed anything executable. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS, FORBID_ATTR: ["style"], ALLOW_DATA_ATTR: false });
}

export default function SafeHtml(props: { html: string; class?: string }) {
  const clean = createMemo(() => sanitizeHtml(props.html));
  return <div class={props.class} innerHTML={clean()} />;
}
