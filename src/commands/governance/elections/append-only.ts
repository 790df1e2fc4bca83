/**
 * An immutable list that only grows, in O(1) per append: each view shares one array with the views
 * it grew from and reads only its own prefix. Replaying a stream of n ballots into fresh Maps costs
 * O(n²); with this it is O(n), which is what keeps a large election's command fast.
 */
export class AppendOnly<T> implements Iterable<T> {
  private constructor(
    private readonly items: T[],
    readonly length: number,
  ) {}

  static empty<T>(): AppendOnly<T> {
    return new AppendOnly<T>([], 0);
  }

  append(item: T): AppendOnly<T> {
    // The tip view extends the shared array; an older view branching off copies its prefix first.
    const items = this.items.length === this.length ? this.items : this.items.slice(0, this.length);
    items.push(item);
    return new AppendOnly(items, this.length + 1);
  }

  /** The last item matching `predicate`, searching from the end. */
  findLast(predicate: (item: T) => boolean): T | undefined {
    for (let i = this.length - 1; i >= 0; i--) if (predicate(this.items[i]!)) return this.items[i];
    return undefined;
  }

  includes(item: T): boolean {
    for (let i = 0; i < this.length; i++) if (this.items[i] === item) return true;
    return false;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.items[i]!;
  }
}
