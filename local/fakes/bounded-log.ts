/**
 * A request log that keeps only its newest `max` entries. Dropping the oldest one at a time
 * copied the whole log on every request once it was full (10,000 entries: a month of minutes
 * fills it in days); entries are dropped in batches instead, and what is read is always the
 * newest `max`, oldest first.
 */
export class BoundedLog<T> {
  private entries: T[] = [];
  private droppedCount = 0;

  constructor(private readonly max: number) {}

  add(e: T): void {
    this.entries.push(e);
    // Let the array run to twice the cap, then cut it back: each entry is copied at most once.
    if (this.entries.length > 2 * this.max) this.trim();
  }

  /** The newest `max` entries, oldest first (the log's own array: read it, do not change it). */
  items(): readonly T[] {
    this.trim();
    return this.entries;
  }

  /** Entries dropped so far to stay within the cap. */
  get dropped(): number {
    return this.droppedCount + Math.max(0, this.entries.length - this.max);
  }

  clear(): void {
    this.entries = [];
    this.droppedCount = 0;
  }

  private trim(): void {
    const over = this.entries.length - this.max;
    if (over <= 0) return;
    this.entries = this.entries.slice(over);
    this.droppedCount += over;
  }
}
