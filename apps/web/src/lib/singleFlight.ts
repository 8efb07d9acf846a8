import { useRef } from 'react';

/** Runs at most one task at a time: a call made while one is running is dropped (a double click on 保存). */
export type SingleFlight = { run: (task: () => Promise<unknown>) => Promise<void> };

export function createSingleFlight(): SingleFlight {
  let running = false;
  return {
    run: async (task) => {
      if (running) return;
      running = true;
      try {
        await task();
      } finally {
        running = false;
      }
    },
  };
}

/**
 * One gate per mounted form. The button's `loading` only shows after a re-render, and the form validates
 * asynchronously, so a double click would otherwise submit twice — two documents with two new ids.
 */
export function useSingleFlight(): SingleFlight {
  const gate = useRef<SingleFlight | null>(null);
  gate.current ??= createSingleFlight();
  return gate.current;
}
