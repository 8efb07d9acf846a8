import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { FormDocument } from '@xlgl/schema';
import { canRedo, canUndo, createHistory, historyReducer, type History, type HistoryAction } from '../model/history.js';

type Action = HistoryAction<FormDocument> | { type: 'edit'; edit: (form: FormDocument) => FormDocument; mergeKey?: string };

function reducer(history: History<FormDocument>, action: Action): History<FormDocument> {
  if (action.type === 'edit')
    return historyReducer(history, { type: 'commit', value: action.edit(history.present), mergeKey: action.mergeKey });
  return historyReducer(history, action);
}

/**
 * Keeps the designer's undo history for a controlled `value`: edits go into the history and out
 * through `onChange`; a different document coming in from the host starts a fresh history.
 */
export function useDesignerHistory(value: FormDocument, onChange: (form: FormDocument) => void) {
  const [history, dispatch] = useReducer(reducer, value, createHistory<FormDocument>);
  const emitted = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (value === emitted.current || value === history.present) return;
    // hosts that clone what they receive still hand back the same document
    if (JSON.stringify(value) === JSON.stringify(history.present)) return;
    emitted.current = value;
    dispatch({ type: 'reset', value });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  useEffect(() => {
    if (history.present === emitted.current) return;
    emitted.current = history.present;
    onChangeRef.current(history.present);
  }, [history.present]);

  /** Applies an edit to the current document; edits with the same `mergeKey` in a row form one undo step. */
  const edit = useCallback(
    (change: (form: FormDocument) => FormDocument, mergeKey?: string) => dispatch({ type: 'edit', edit: change, mergeKey }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);

  return { form: history.present, edit, undo, redo, canUndo: canUndo(history), canRedo: canRedo(history) };
}
