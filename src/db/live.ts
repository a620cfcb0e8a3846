import { liveQuery } from "dexie";
import { createSignal, onCleanup, type Accessor } from "solid-js";

export interface Live<T> {
  value: Accessor<T | undefined>;
  error: Accessor<unknown>;
}

/**
 * The one bridge from Dexie live queries to Solid: re-runs `query` whenever the
 * tables it read change (in this tab or another) and exposes the result as a signal.
 */
export function createLiveQuery<T>(query: () => Promise<T>): Live<T> {
  const [value, setValue] = createSignal<T | undefined>(undefined);
  const [error, setError] = createSignal<unknown>(undefined);
  const sub = liveQuery(query).subscribe({
    next: (v) => {
      setError(undefined);
      setValue(() => v);
    },
    error: (e: unknown) => setError(() => e),
  });
  onCleanup(() => sub.unsubscribe());
  return { value, error };
}
