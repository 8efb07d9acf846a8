import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, historyLimit, historyReducer } from './history.js';

describe('historyReducer', () => {
  it('undoes and redoes commits in order', () => {
    let history = createHistory('a');
    history = historyReducer(history, { type: 'commit', value: 'b', at: 0 });
    history = historyReducer(history, { type: 'commit', value: 'c', at: 5000 });
    history = historyReducer(history, { type: 'undo' });
    expect(history.present).toBe('b');
    history = historyReducer(history, { type: 'undo' });
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    history = historyReducer(history, { type: 'redo' });
    expect(history.present).toBe('b');
    expect(canRedo(history)).toBe(true);
  });

  it('a new commit after undo drops the redo branch', () => {
    let history = historyReducer(createHistory('a'), { type: 'commit', value: 'b', at: 0 });
    history = historyReducer(history, { type: 'undo' });
    history = historyReducer(history, { type: 'commit', value: 'x', at: 10 });
    expect(history.future).toEqual([]);
    expect(history.past).toEqual(['a']);
  });

  it('merges keystrokes with the same key inside the window, not across it', () => {
    let history = createHistory('');
    history = historyReducer(history, { type: 'commit', value: '名', mergeKey: 'label:f1', at: 0 });
    history = historyReducer(history, { type: 'commit', value: '名称', mergeKey: 'label:f1', at: 400 });
    expect(history.past).toEqual(['']);
    history = historyReducer(history, { type: 'commit', value: '名称x', mergeKey: 'label:f1', at: 3000 });
    expect(history.past).toEqual(['', '名称']);
    history = historyReducer(history, { type: 'commit', value: '名称xy', mergeKey: 'help:f1', at: 3100 });
    expect(history.past).toEqual(['', '名称', '名称x']);
  });

  it('does not record a commit of the same value, and keeps a bounded past', () => {
    let history = createHistory(0);
    expect(historyReducer(history, { type: 'commit', value: 0 })).toBe(history);
    for (let i = 1; i <= historyLimit + 20; i += 1) history = historyReducer(history, { type: 'commit', value: i, at: i * 10_000 });
    expect(history.past.length).toBe(historyLimit);
    expect(history.past[0]).toBe(20);
  });

  it('reset forgets everything', () => {
    const history = historyReducer(historyReducer(createHistory(1), { type: 'commit', value: 2 }), { type: 'reset', value: 9 });
    expect(history).toEqual({ past: [], present: 9, future: [] });
  });
});
