/** A document failed its schema or a rule; carries the issues for the client (`error.data.issues`). */
export class DocumentValidationError extends Error {
  constructor(
    message: string,
    readonly issues: { path: (string | number)[]; message: string; where?: string }[],
  ) {
    super(message);
    this.name = 'DocumentValidationError';
  }
}
