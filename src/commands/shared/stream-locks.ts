/**
 * Runs work for one stream at a time within this process. Commands on a hot stream (a hundred
 * members voting on one proposal) then queue here instead of colliding on expected revisions;
 * collisions with other processes are still caught by the store and retried.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(stream) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(stream, tail);
    void tail.then(() => {
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    });
    return result;
  }
}
