import DOMPurify from "dompurify";
import { createMemo } from "solid-js";

const FORBID_TAGS = ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "svg", "math"];

/** Renders HTML that comes from a survey definition, after DOMPurify has removed anything executable. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS, FORBID_ATTR: ["style"], ALLOW_DATA_ATTR: false });
}

export default function SafeHtml(props: { html: string; class?: string }) {
  const clean = createMemo(() => sanitizeHtml(props.html));
  return <div class={props.class} innerHTML={clean()} />;
}
