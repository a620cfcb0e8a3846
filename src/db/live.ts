import { liveQuery } from "dexie";
import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";

export interface Live<T> {
  value: Accessor<T | undefined>;
  error: Accessor<unknown>;
}

/**
 * The one bridge from Dexie live queries to Solid: re-runs `query` whenever the
 * tables it read change (in this tab, another tab or a worker) and exposes the result as a
 * signal. While `paused()` is true (an import writing thousands of records from a worker), it
 * keeps its last value and reads nothing; it runs again once resumed.
 */
export function createLiveQuery<T>(query: () => Promise<T>, options: { paused?: Accessor<boolean> } = {}): Live<T> {
  const [value, setValue] = createSignal<T | undefined>(undefined);
  const [error, setError] = createSignal<unknown>(undefined);
  let sub: { unsubscribe(): void } | undefined;
  const start = () =>
    liveQuery(query).subscribe({
      next: (v) => {
        setError(undefined);
        setValue(() => v);
      },
      error: (e: unknown) => {
        // Said in the console too: a page that stays on its last value should not fail in silence.
        console.error("a live query failed:", e);
        setError(() => e);
      },
    });
  if (options.paused) {
    const paused = options.paused;
    createEffect(() => {
      if (paused()) {
        sub?.unsubscribe();
        sub = undefined;
      } else sub ??= start();
    });
  } else sub = start();
  onCleanup(() => sub?.unsubscribe());
  return { value, error };
}
