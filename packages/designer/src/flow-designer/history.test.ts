import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, coalesceMs, createHistory, historyLimit, historyReducer, type History } from './history.js';

const commit = (state: History<string>, value: string, coalesceKey?: string, at?: number) => historyReducer(state, { type: 'commit', value, coalesceKey, at });

describe('historyReducer', () => {
  it('undoes and redoes commits in order', () => {
    let state = createHistory('a');
    state = commit(state, 'b');
    state = commit(state, 'c');
    expect(canUndo(state)).toBe(true);
    state = historyReducer(state, { type: 'undo' });
    expect(state.present).toBe('b');
    state = historyReducer(state, { type: 'undo' });
    expect(state.present).toBe('a');
    expect(canUndo(state)).toBe(false);
    expect(historyReducer(state, { type: 'undo' })).toBe(state);
    state = historyReducer(state, { type: 'redo' });
    state = historyReducer(state, { type: 'redo' });
    expect(state.present).toBe('c');
    expect(canRedo(state)).toBe(false);
  });

  it('drops the redo branch on a new commit', () => {
    let state = commit(commit(createHistory('a'), 'b'), 'c');
    state = historyReducer(state, { type: 'undo' });
    state = commit(state, 'x');
    expect(state.future).toEqual([]);
    expect(state.past).toEqual(['a', 'b']);
    expect(state.present).toBe('x');
  });

  it('ignores a commit of the present value', () => {
    const state = commit(createHistory('a'), 'b');
    expect(commit(state, state.present)).toBe(state);
  });

  it('coalesces quick commits with the same key (typing a label) into one step', () => {
    let state = commit(createHistory('a'), 'b');
    state = commit(state, 'ba', 'label:n1', 1000);
    state = commit(state, 'bab', 'label:n1', 1000 + coalesceMs - 1);
    expect(state.past).toEqual(['a', 'b']);
    state = commit(state, 'babc', 'label:n1', 1000 + 3 * coalesceMs);
    expect(state.past).toEqual(['a', 'b', 'bab']);
    state = commit(state, 'other', 'label:n2', 1000 + 3 * coalesceMs + 1);
    expect(state.past).toEqual(['a', 'b', 'bab', 'babc']);
    state = historyReducer(state, { type: 'undo' });
    expect(state.present).toBe('babc');
  });

  it('keeps at most historyLimit steps', () => {
    let state = createHistory(0);
    for (let i = 1; i <= historyLimit + 20; i++) state = historyReducer(state, { type: 'commit', value: i });
    expect(state.past).toHaveLength(historyLimit);
    expect(state.past[0]).toBe(20);
  });

  it('reset starts a fresh history', () => {
    const state = historyReducer(commit(createHistory('a'), 'b'), { type: 'reset', value: 'z' });
    expect(state).toEqual({ past: [], present: 'z', future: [] });
  });
});
