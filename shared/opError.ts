/** Why an operation cannot apply to the current graph. */
export class GraphOpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphOpError';
  }
}
