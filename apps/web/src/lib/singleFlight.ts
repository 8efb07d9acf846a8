import { useRef } from 'react';

/** Runs at most one task at a time: a call made while one is running is dropped (a double click on 保存). */
export type SingleFlight = { run: (task: () => Promise<unknown>) => Promise<void> };

export type SingleFlightOptions = {
  /**
   * A dialog that creates something is done after one success: later calls are dropped too (a second
   * click's validation can finish after the first save, once the gate has opened again). A task that
   * failed returns `false` and leaves the gate open for a retry.
   */
  closeAfterSuccess?: boolean;
};

export function createSingleFlight(options: SingleFlightOptions = {}): SingleFlight {
  let running = false;
  let closed = false;
  return {
    run: async (task) => {
      if (running || closed) return;
      running = true;
      try {
        const result = await task();
        if (options.closeAfterSuccess && result !== false) closed = true;
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
export function useSingleFlight(options: SingleFlightOptions = {}): SingleFlight {
  const gate = useRef<SingleFlight | null>(null);
  gate.current ??= createSingleFlight(options);
  return gate.current;
}
