/**
 * Undo/redo history of immutable documents. Edits that share a `mergeKey` within
 * `mergeWindowMs` (typing into one input) collapse into one undo step.
 */
export type History<T> = {
  past: T[];
  present: T;
  future: T[];
  /** Key and time of the last commit, for merging keystrokes. */
  lastMergeKey?: string;
  lastAt?: number;
};

export type HistoryAction<T> =
  | { type: 'commit'; value: T; mergeKey?: string; at?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  /** Replaces everything (a different document was loaded from outside). */
  | { type: 'reset'; value: T };

export const historyLimit = 200;
export const mergeWindowMs = 1000;

export function createHistory<T>(value: T): History<T> {
  return { past: [], present: value, future: [] };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

/** Pure reducer for `History`. */
export function historyReducer<T>(history: History<T>, action: HistoryAction<T>): History<T> {
  switch (action.type) {
    case 'commit': {
      if (action.value === history.present) return history;
      const at = action.at ?? Date.now();
      const merge =
        action.mergeKey !== undefined &&
        action.mergeKey === history.lastMergeKey &&
        history.lastAt !== undefined &&
        at - history.lastAt <= mergeWindowMs &&
        history.future.length === 0;
      const past = merge ? history.past : [...history.past, history.present].slice(-historyLimit);
      return { past, present: action.value, future: [], lastMergeKey: action.mergeKey, lastAt: at };
    }
    case 'undo': {
      if (history.past.length === 0) return history;
      const previous = history.past[history.past.length - 1];
      return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
    }
    case 'redo': {
      if (history.future.length === 0) return history;
      const [next, ...future] = history.future;
      return { past: [...history.past, history.present], present: next, future };
    }
    case 'reset':
      return createHistory(action.value);
  }
}
