/**
 * Bad input to the engine, with the input field it concerns. The engine stays free of GraphQL and of the platform (so its
 * worker thread starts fast); `runEvaluationInWorker` turns this into the platform's BAD_USER_INPUT error with `field`.
 */
export class BlupInputError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'BlupInputError';
  }
}

export const badInput = (message: string, field: string) => new BlupInputError(message, field);
