/**
 * Undo/redo history of the flow document: a pure reducer, so the editor's behaviour can be tested
 * without a DOM. Consecutive commits with the same `coalesceKey` within `coalesceMs` (typing a label)
 * become one undo step.
 */
export type History<T> = {
  past: T[];
  present: T;
  future: T[];
  /** Key and time of the last commit, for coalescing. */
  lastKey?: string;
  lastAt?: number;
};

export type HistoryAction<T> =
  | { type: 'commit'; value: T; coalesceKey?: string; at?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; value: T };

/** Steps kept; older ones are dropped. */
export const historyLimit = 100;
export const coalesceMs = 1500;

export function createHistory<T>(value: T): History<T> {
  return { past: [], present: value, future: [] };
}

export function historyReducer<T>(state: History<T>, action: HistoryAction<T>): History<T> {
  switch (action.type) {
    case 'commit': {
      if (action.value === state.present) return state;
      const coalesce =
        action.coalesceKey !== undefined &&
        action.coalesceKey === state.lastKey &&
        action.at !== undefined &&
        state.lastAt !== undefined &&
        action.at - state.lastAt < coalesceMs &&
        state.past.length > 0;
      const past = coalesce ? state.past : [...state.past, state.present].slice(-historyLimit);
      return { past, present: action.value, future: [], lastKey: action.coalesceKey, lastAt: action.at };
    }
    case 'undo': {
      if (state.past.length === 0) return state;
      const previous = state.past[state.past.length - 1];
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
    case 'reset':
      return createHistory(action.value);
  }
}

export function canUndo<T>(state: History<T>): boolean {
  return state.past.length > 0;
}

export function canRedo<T>(state: History<T>): boolean {
  return state.future.length > 0;
}
