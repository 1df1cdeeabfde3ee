/**
 * Runs async operations one at a time, in call order.
 *
 * Sign-in, sign-out, refresh commits and setting changes all touch the one session record;
 * running them through one queue means they never interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
