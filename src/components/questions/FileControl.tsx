import { createResource, For, onCleanup, Show } from "solid-js";
import { uiLanguage } from "../../i18n/i18n.ts";
import { tc } from "../../i18n/messages-controls.ts";
import { formatBytes } from "../../device/storage-use.ts";
import * as v from "../../survey/view.ts";
import { useSession } from "../context.ts";
import type { ControlProps } from "../types.ts";

/** One chosen file: its name and size from the device's store, a picture's preview, open and remove. */
function FileEntry(props: { q: v.QuestionHandle; file: { name: string; type: string; ref: string }; preview: boolean; removeText: string }) {
  const session = useSession();
  const urls: string[] = [];
  onCleanup(() => urls.forEach((u) => URL.revokeObjectURL(u)));
  const [stored] = createResource(
    () => props.file.ref,
    async (ref) => {
      const f = await session.files.get(ref);
      if (!f) return undefined;
      const url = URL.createObjectURL(f.blob);
      urls.push(url);
      return { size: f.size, url };
    },
  );
  const isImage = () => /^image\/(png|jpeg|gif|webp|avif|bmp)$/i.test(props.file.type);
  return (
    <li class="file-entry">
      <Show when={props.preview && isImage() && stored()?.url}>
        {(url) => <img class="file-thumb" src={url()} alt="" width="64" height="64" />}
      </Show>
      <span class="file-name" dir="auto">
        <Show when={stored()?.url} fallback={props.file.name}>
          {(url) => (
            <a href={url()} download={props.file.name} aria-label={tc("fileOpen", { name: props.file.name })}>
              {props.file.name}
            </a>
          )}
        </Show>
      </span>
      <Show when={stored()}>{(f) => <span class="file-size">{formatBytes(f().size, uiLanguage())}</span>}</Show>
      <Show when={!v.isReadOnly(props.q)}>
        <button type="button" class="button secondary small" aria-label={tc("fileRemove", { name: props.file.name })} onClick={() => v.dropFile(props.q, props.file.ref, session.files)}>
          {props.removeText}
        </button>
      </Show>
    </li>
  );
}

/**
 * file: a native file input (keyboard, screen readers and the phone's camera or files all work),
 * with the definition's limits shown and enforced — `acceptedTypes`, `maxSize`, `maxFiles`,
 * `allowMultiple`. Chosen files are stored on the device as they are (src/survey/files.ts); the
 * answer lists their names and references.
 */
export default function FileControl(props: ControlProps) {
  const opts = () => v.fileOptions(props.q);
  const hintId = () => `${v.inputId(props.q)}-limits`;
  const limits = () =>
    [
      opts().accept ? tc("fileAccepts", { types: opts().accept!.split(",").map((s) => s.trim()).join(", ") }) : "",
      opts().maxSize ? tc("fileMaxSize", { size: formatBytes(opts().maxSize!, uiLanguage()) }) : "",
      opts().multiple && opts().maxFiles ? tc("fileMaxCount", { count: opts().maxFiles! }) : "",
      tc("fileKept"),
    ].filter(Boolean).join(" ");
  return (
    <div class="file-question">
      <Show when={!v.isReadOnly(props.q)}>
        <p class="hint" id={hintId()}>
          {limits()}
        </p>
        <label class="button secondary file-button">
          {opts().chooseText}
          <input
            type="file"
            class="visually-hidden-input"
            id={v.inputId(props.q)}
            accept={opts().accept}
            multiple={opts().multiple}
            aria-label={[props.label, opts().chooseText].filter(Boolean).join(": ") || undefined}
            aria-describedby={[hintId(), props.describedBy].filter(Boolean).join(" ")}
            aria-invalid={props.invalid ? "true" : undefined}
            onChange={(e) => {
              const chosen = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = "";
              if (chosen.length) v.chooseFiles(props.q, chosen, (name) => tc("fileRefused", { name }));
            }}
          />
        </label>
      </Show>
      <Show when={v.isUploading(props.q)}>
        <p class="hint" role="status">
          {tc("fileStoring")}
        </p>
      </Show>
      <Show when={v.fileList(props.q).length > 0} fallback={<p class="hint">{opts().noFileText || tc("fileNone")}</p>}>
        <ul class="file-list" aria-live="polite">
          <For each={v.fileList(props.q)}>{(file) => <FileEntry q={props.q} file={file} preview={opts().preview} removeText={opts().removeText} />}</For>
        </ul>
      </Show>
    </div>
  );
}
