import { createEffect, createUniqueId, type JSX } from "solid-js";
import { t } from "../i18n/i18n.ts";

/** A modal confirmation on the native <dialog>: focus is trapped while open and returns on close. */
export default function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  let dialog: HTMLDialogElement | undefined;
  // Several dialogs can be on one page (the page's and the storage notices'): each names itself.
  const titleId = `confirm-title-${createUniqueId()}`;
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={() => props.onCancel()}
      onKeyDown={(e) => {
        // Keep Tab inside the dialog: a modal <dialog> alone lets focus leave to the browser's own UI.
        if (e.key !== "Tab" || !dialog) return;
        const items = [...dialog.querySelectorAll<HTMLElement>("button, [href], input, select, textarea")].filter((el) => !el.hasAttribute("disabled"));
        const first = items[0];
        const last = items[items.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div>{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button secondary" onClick={() => props.onCancel()}>
          {t("cancel")}
        </button>
        <button type="button" class="button danger" onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
