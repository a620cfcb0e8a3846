/**
 * Fine-grained Solid reactivity for survey-core objects.
 *
 * survey-core reads and writes every serialisable property through
 * `getPropertyValueCore` / `setPropertyValueCore`, and consults the optional
 * `getPropertyValueCoreHandler` / `setPropertyValueCoreHandler` hooks (the same
 * hooks the official Vue 3 UI uses). Installing them once on `Base.prototype`
 * turns every property of every survey object into a Solid signal, created
 * lazily and only when a reactive scope actually reads it. Derived getters
 * (`isVisible`, `errors`, `isReadOnly`, ...) track by themselves because they
 * read properties. Localizable strings live outside the property hash, so their
 * change notification (`onChanged`) is routed to a signal too.
 *
 * Outside a Solid tracking scope (survey-core's own work, Node tests) the cost is
 * one `getListener()` check per read.
 */
import { Base, LocalizableString } from "survey-core";
import { batch, createSignal, getListener, type Setter } from "solid-js";

type Cell = { read: () => unknown; write: Setter<unknown> };
const cells = new WeakMap<object, Map<string, Cell>>();

function cellFor(owner: object, key: string): Cell {
  let byKey = cells.get(owner);
  if (!byKey) {
    byKey = new Map();
    cells.set(owner, byKey);
  }
  let cell = byKey.get(key);
  if (!cell) {
    const [read, write] = createSignal<unknown>(undefined, { equals: false });
    cell = { read, write };
    byKey.set(key, cell);
  }
  return cell;
}

/** Registers a dependency on (owner, key) when called inside a tracking scope. */
export function track(owner: object, key: string): void {
  if (getListener()) cellFor(owner, key).read();
}

const pending = new Set<Cell>();
/** Localizable strings that said they changed; checked at flush time against what views last read. */
const pendingStrings = new Set<LocalizableString>();
const lastRendered = new WeakMap<LocalizableString, string>();
const lastPlain = new WeakMap<LocalizableString, string>();
let flushQueued = false;

function flush() {
  flushQueued = false;
  // survey-core announces a change of every string on the page after each answer
  // (`locStrsChanged`); only the strings whose text really changed re-render.
  for (const str of pendingStrings) {
    const rendered = lastRendered.get(str);
    const plain = lastPlain.get(str);
    const unchanged = (rendered !== undefined || plain !== undefined) && (rendered === undefined || rendered === (str.renderedHtml ?? "")) && (plain === undefined || plain === (str.textOrHtml ?? ""));
    const cell = cells.get(str)?.get("text");
    if (cell && !unchanged) pending.add(cell);
  }
  pendingStrings.clear();
  const due = [...pending];
  pending.clear();
  batch(() => due.forEach((c) => c.write(undefined)));
}

function queueFlush() {
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flush);
  }
}

/**
 * Notifies every scope that read (owner, key), once survey-core has finished
 * what it is doing: notifications are collected and delivered together in a
 * microtask. Delivering them at once would re-run views in the middle of a
 * survey-core operation (e.g. after `rowCount` changed but before the new row
 * exists).
 *
 * A write made while a Solid computation runs is survey-core caching derived
 * state inside a getter we are reading (e.g. `canAddRow`): the reader already
 * gets the new value, and notifying would re-run the reader forever, so such
 * writes notify nobody. The UI itself only writes from event handlers.
 */
export function trigger(owner: object, key: string): void {
  if (getListener()) return;
  const cell = cells.get(owner)?.get(key);
  if (!cell) return;
  pending.add(cell);
  queueFlush();
}

/** Resolves after pending notifications have been delivered (for tests). */
export function settled(): Promise<void> {
  return new Promise((resolve) => queueMicrotask(() => queueMicrotask(resolve)));
}

type HookedBase = {
  getPropertyValueCoreHandler?: (hash: Record<string, unknown>, name: string) => unknown;
  setPropertyValueCoreHandler?: (hash: Record<string, unknown>, name: string, val: unknown) => void;
  notifyArrayChanged: (name: string, ar: unknown[], changes: unknown) => void;
};

let installed = false;

export function installSolidBinding(): void {
  if (installed) return;
  installed = true;
  const proto = Base.prototype as unknown as HookedBase;
  proto.getPropertyValueCoreHandler = function (this: object, hash, name) {
    track(this, name);
    return hash[name];
  };
  proto.setPropertyValueCoreHandler = function (this: object, hash, name, val) {
    if (hash[name] === val) return;
    hash[name] = val;
    trigger(this, name);
  };
  const notifyArrayChanged = proto.notifyArrayChanged;
  proto.notifyArrayChanged = function (this: HookedBase, name, ar, changes) {
    notifyArrayChanged.call(this, name, ar, changes);
    trigger(this, name);
  };
  const locProto = LocalizableString.prototype as unknown as { onChanged: () => void };
  locProto.onChanged = function (this: LocalizableString) {
    if (getListener() || !cells.get(this)?.has("text")) return;
    pendingStrings.add(this);
    queueFlush();
  };
}

installSolidBinding();

/** The rendered (processed, localized) text of a localizable string, tracked. */
export function locText(str: LocalizableString | undefined | null): string {
  if (!str) return "";
  track(str, "text");
  const text = str.renderedHtml ?? "";
  lastRendered.set(str, text);
  return text;
}

/** Plain text (no markdown/HTML processing), tracked. */
export function locPlain(str: LocalizableString | undefined | null): string {
  if (!str) return "";
  track(str, "text");
  const text = str.textOrHtml ?? "";
  lastPlain.set(str, text);
  return text;
}
