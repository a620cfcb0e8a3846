/** Shared by the harness pages: when is a page "painted", and how big is it. */

export interface RenderResult {
  /** Model creation to the first page painted (ms). */
  ms: number;
  /** Model creation alone, inside this run (ours: createSurveySession, which wraps new Model). */
  modelMs: number;
  /** Model creation to the synchronous end of the mount call (ms). */
  syncMs: number;
  /** Elements under the survey's host element. */
  elements: number;
  /** Every DOM node (elements, text, comments) under the host. */
  nodes: number;
  /** JS heap kept by the rendered survey (model and UI), after a GC on both sides (bytes; 0 when the browser does not say). */
  heapBytes: number;
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
const afterPaint = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Resolves when every named question has an element `[data-name=…]` under `host` and the frame
 * that shows them has been painted (checked in animation frames; a task after the frame = painted).
 */
export async function waitPainted(host: Element, names: readonly string[]): Promise<void> {
  const ready = () => names.every((n) => host.querySelector(`[data-name="${CSS.escape(n)}"]`) !== null);
  for (let i = 0; i < 600; i++) {
    await nextFrame();
    if (ready()) {
      await afterPaint();
      return;
    }
  }
  throw new Error(`questions never appeared: ${names.filter((n) => !host.querySelector(`[data-name="${CSS.escape(n)}"]`)).join(", ")}`);
}

export function countNodes(host: Element): { elements: number; nodes: number } {
  let nodes = 0;
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { elements: host.getElementsByTagName("*").length, nodes };
}

export function heapUsed(): number {
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
}

/** Chromium runs with --js-flags=--expose-gc: collect before reading the heap, so the number is what stays. */
const gc = () => {
  const g = globalThis as { gc?: () => void; __noGc?: boolean };
  if (!g.__noGc) g.gc?.();
};

/** `mount` creates the model (ours: the session around it), calls `modelReady()`, then renders. */
export async function measureMount(host: HTMLElement, names: readonly string[], mount: (modelReady: () => void) => void): Promise<RenderResult> {
  gc();
  const heap0 = heapUsed();
  let tModel = NaN;
  const t0 = performance.now();
  mount(() => (tModel = performance.now()));
  const t1 = performance.now();
  await waitPainted(host, names);
  const t2 = performance.now();
  gc();
  return { ms: t2 - t0, syncMs: t1 - t0, modelMs: tModel - t0, ...countNodes(host), heapBytes: Math.max(0, heapUsed() - heap0) };
}

/** `new Model(json)` and its first page's questions: the bare cost of survey-core. */
export function measureBareModel(create: () => { currentPage: { questions: unknown[] } }): number {
  const t0 = performance.now();
  const model = create();
  const count = model.currentPage.questions.length;
  const t1 = performance.now();
  if (count < 0) throw new Error("unreachable");
  return t1 - t0;
}

export interface BenchApi {
  core: string;
  render(def: Record<string, unknown>, names: readonly string[], languages: readonly string[]): Promise<RenderResult>;
  bare(def: Record<string, unknown>): number;
}

declare global {
  interface Window {
    bench?: BenchApi;
  }
}
