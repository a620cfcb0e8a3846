import { createEffect, type JSX } from "solid-js";
import { t } from "../app/i18n.ts";

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
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="confirm-title" onCancel={() => props.onCancel()}>
      <h2 id="confirm-title">{props.title}</h2>
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
