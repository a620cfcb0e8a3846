import { DropdownListModel } from "survey-core";

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

const proto = DropdownListModel.prototype as unknown as { cleanHtml(html: string): string };
proto.cleanHtml = htmlToText;
