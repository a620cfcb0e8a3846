import { createResource, createSignal, onCleanup, Show } from "solid-js";
import { tc } from "../../i18n/messages-controls.ts";
import { isFileRef } from "../../schema/file-ref.ts";
import * as v from "../../survey/view.ts";
import { useSession } from "../context.ts";
import type { ControlProps } from "../types.ts";

/**
 * signaturepad: draw with a mouse, pen or finger (pointer events on a canvas), or — from the
 * keyboard, or for anyone who cannot draw — type a name that is written as the signature. Either
 * way the signature is stored as a PNG image on the device (the export names it `<question>.png`)
 * and the answer keeps its reference.
 */
export default function SignatureControl(props: ControlProps) {
  const session = useSession();
  const info = () => v.signatureInfo(props.q);
  const [typed, setTyped] = createSignal("");
  const [saving, setSaving] = createSignal(false);
  let canvas: HTMLCanvasElement | undefined;
  let drawing = false;
  let drawn = false;

  const urls: string[] = [];
  onCleanup(() => urls.forEach((u) => URL.revokeObjectURL(u)));
  // The stored signature, shown as an image (resolved from the device's store, or a data URL as SurveyJS keeps it).
  const [image] = createResource(
    () => v.signatureValue(props.q) || undefined,
    async (value) => {
      // A data URL, as SurveyJS keeps signatures by default (raster images only: an SVG could carry script).
      if (!isFileRef(value)) return /^data:image\/(png|jpeg);/.test(value) ? value : undefined;
      const file = await session.files.get(value);
      if (!file) return undefined;
      const url = URL.createObjectURL(file.blob);
      urls.push(url);
      return url;
    },
  );


  const context = () => {
    const ctx = canvas?.getContext("2d");
    if (ctx) {
      ctx.strokeStyle = info().penColor;
      ctx.fillStyle = info().penColor;
      ctx.lineWidth = 2.5;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
    }
    return ctx;
  };
  const clearCanvas = () => {
    const ctx = canvas?.getContext("2d");
    if (!ctx || !canvas) return;
    ctx.fillStyle = info().background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    drawn = false;
  };
  const point = (e: PointerEvent) => {
    const r = canvas!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * canvas!.width, y: ((e.clientY - r.top) / r.height) * canvas!.height };
  };
  const save = () => {
    if (!canvas || !drawn) return;
    setSaving(true);
    canvas.toBlob(
      (blob) => {
        if (!blob) return setSaving(false);
        void session.files
          .put({ question: v.valueKey(props.q), name: `${v.questionName(props.q)}.png`, type: blob.type, blob })
          .then((ref) => v.setSignature(props.q, ref))
          .finally(() => setSaving(false));
      },
      "image/png",
    );
  };
  const signWithName = () => {
    const name = typed().trim();
    const ctx = context();
    if (!name || !ctx || !canvas) return;
    clearCanvas();
    ctx.fillStyle = info().penColor;
    let size = Math.round(canvas.height * 0.38);
    ctx.font = `italic ${size}px "Segoe Script", "Brush Script MT", "URW Chancery L", cursive`;
    while (ctx.measureText(name).width > canvas.width * 0.9 && size > 10) {
      size -= 2;
      ctx.font = `italic ${size}px "Segoe Script", "Brush Script MT", "URW Chancery L", cursive`;
    }
    ctx.textBaseline = "middle";
    ctx.textAlign = "center";
    ctx.fillText(name, canvas.width / 2, canvas.height / 2);
    drawn = true;
    save();
  };
  const clear = () => {
    v.setSignature(props.q, undefined);
    setTyped("");
    queueMicrotask(clearCanvas);
  };

  return (
    <div class="signature">
      <Show
        when={!v.isEmpty(props.q) && image()}
        fallback={
          <Show when={!v.isReadOnly(props.q)} fallback={<p class="hint">{tc("fileNone")}</p>}>
            <p class="hint" id={`${v.inputId(props.q)}-hint`}>
              {info().placeholder || tc("signatureHint")}
            </p>
            <canvas
              ref={(el) => {
                canvas = el;
                queueMicrotask(clearCanvas);
              }}
              class="signature-pad"
              width={info().width}
              height={info().height}
              style={{ "max-width": `${info().width}px`, "aspect-ratio": `${info().width} / ${info().height}` }}
              role="img"
              aria-label={tc("signatureArea")}
              aria-describedby={`${v.inputId(props.q)}-hint`}
              onPointerDown={(e) => {
                const ctx = context();
                if (!ctx) return;
                e.currentTarget.setPointerCapture(e.pointerId);
                drawing = true;
                const p = point(e);
                ctx.beginPath();
                ctx.moveTo(p.x, p.y);
                ctx.arc(p.x, p.y, 0.8, 0, Math.PI * 2);
                ctx.moveTo(p.x, p.y);
                drawn = true;
              }}
              onPointerMove={(e) => {
                if (!drawing) return;
                const ctx = context();
                const p = point(e);
                ctx?.lineTo(p.x, p.y);
                ctx?.stroke();
              }}
              onPointerUp={() => {
                if (!drawing) return;
                drawing = false;
                save();
              }}
              onPointerCancel={() => (drawing = false)}
            />
            <div class="signature-typed">
              <label for={v.inputId(props.q)}>{tc("signatureTyped")}</label>
              <div class="actions-row">
                <input
                  id={v.inputId(props.q)}
                  class="input"
                  value={typed()}
                  autocomplete="name"
                  aria-describedby={props.describedBy}
                  aria-invalid={props.invalid ? "true" : undefined}
                  onInput={(e) => setTyped(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      signWithName();
                    }
                  }}
                />
                <button type="button" class="button secondary" disabled={!typed().trim() || saving()} onClick={signWithName}>
                  {tc("signatureUseTyped")}
                </button>
              </div>
            </div>
          </Show>
        }
      >
        {(src) => (
          <>
            <img class="signature-image" src={src()} alt={tc("signatureImage")} width={info().width} height={info().height} style={{ "max-width": `${info().width}px` }} />
            <Show when={!v.isReadOnly(props.q) && info().allowClear}>
              <p>
                <button type="button" class="button secondary small" id={v.inputId(props.q)} onClick={clear}>
                  {tc("signatureClear")}
                </button>
              </p>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
