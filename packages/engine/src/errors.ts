/** Error thrown by the engine for an action it refuses; `message` is Chinese and shown to the user. */
export class EngineError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `task-not-found`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Type guard for engine errors. */
export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
