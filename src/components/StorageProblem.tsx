import { Show } from "solid-js";
import type { StorageFailureKind } from "../responses/storage-failure.ts";
import { t } from "../i18n/i18n.ts";
import { ts } from "../i18n/messages-storage.ts";

const WHAT: Record<StorageFailureKind, { what: Parameters<typeof ts>[0]; todo: Parameters<typeof ts>[0] }> = {
  quota: { what: "quota", todo: "quotaAction" },
  closed: { what: "closed", todo: "closedAction" },
  blocked: { what: "blocked", todo: "blockedAction" },
  version: { what: "version", todo: "versionAction" },
  deleted: { what: "deleted", todo: "deletedAction" },
  unavailable: { what: "unavailable", todo: "unavailableAction" },
  other: { what: "other", todo: "otherAction" },
};

/**
 * Says that answers could not be stored, why, and what to do; offers to retry now and to
 * download everything not yet stored as a responses file.
 */
export default function StorageProblem(props: {
  kind: StorageFailureKind;
  /** Technical detail, shown for unknown failures. */
  reason?: string;
  /** Retrying cannot help (another tab upgraded the database): only reloading can. */
  canRetry: boolean;
  onRetry: () => void;
  onDownload: () => void;
}) {
  const text = () => WHAT[props.kind];
  return (
    <div class="notice error-notice storage-problem" role="alert">
      <h2>{ts("problemTitle")}</h2>
      <p>{ts(text().what, { reason: props.reason ?? "" })}</p>
      <p>{ts(text().todo)}</p>
      {/* Saving is retried by itself, except when only reloading or the person's choice can help. */}
      <p>{props.kind === "deleted" || props.kind === "version" ? ts("keptHere") : ts("kept")}</p>
      <div class="notice-actions">
        <Show when={props.canRetry}>
          <button type="button" class="button" onClick={() => props.onRetry()}>
            {props.kind === "deleted" ? ts("saveAgain") : t("retryNow")}
          </button>
        </Show>
        <button type="button" class="button secondary" onClick={() => props.onDownload()}>
          {ts("downloadUnsaved")}
        </button>
      </div>
    </div>
  );
}
