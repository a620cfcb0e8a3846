/**
 * Completions as events: "response X was completed as revision n". Announced once the completed
 * state is stored (by the response editor, or by the recovery of a journal a killed tab left),
 * in the tab that stored it; at least once (a tab killed after storing a completion but before
 * clearing its journal gets it announced again by the recovery, with the same revision). The
 * durable record of it is the response itself (`status`, `revision`, `completedAt`): a
 * subscriber that missed events (another tab, a reload) finds every completion by reading the
 * responses.
 */
export interface ResponseCompleted {
  responseId: string;
  surveyId: string;
  /** 1 for the first completion, one more after each reopen and completion. */
  revision: number;
  completedAt: string;
}

const listeners = new Set<(e: ResponseCompleted) => void>();

/** Calls `listener` after each completion stored in this tab; returns a function that stops it. */
export function onResponseCompleted(listener: (e: ResponseCompleted) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceCompleted(e: ResponseCompleted): void {
  for (const l of [...listeners]) {
    try {
      l(e);
    } catch (err) {
      console.error(err);
    }
  }
}
