// One live resource per thread (a tesseract.js worker, an open PDF), keyed by what it was made
// for, replaced after a number of uses: tesseract.js's WASM heap never shrinks, and pdf.js keeps
// every byte range it has read. A replaced resource is closed once its last user is done.

interface Entry<T> {
  key: string;
  resource: Promise<T>;
  users: number;
  uses: number;
  retired: boolean;
  /** The resource once it is ready. */
  settled?: T;
}

export class RecycledResource<T> {
  private current: Entry<T> | null = null;

  /**
   * @param close ends a resource; its errors are ignored
   * @param wornOut whether a resource used `uses` times is replaced before its next use (`resource`
   *   is undefined while it is still being made)
   */
  constructor(
    private readonly close: (resource: T) => Promise<void> | void,
    private readonly wornOut: (resource: T | undefined, uses: number) => boolean,
  ) {}

  /**
   * Runs `work` with the resource for `key`, counted as in use until `work` settles. `create`
   * makes one when there is none for `key` (a failed start is not kept: the next use tries again).
   */
  async use<R>(key: string, create: () => Promise<T>, work: (resource: T) => Promise<R>): Promise<R> {
    let entry = this.current;
    if (!entry || entry.key !== key || this.wornOut(entry.settled, entry.uses)) {
      if (entry) this.retire(entry);
      const created: Entry<T> = { key, resource: create(), users: 0, uses: 0, retired: false };
      created.resource.then(
        (resource) => (created.settled = resource),
        () => {
          if (this.current === created) this.current = null;
        },
      );
      this.current = entry = created;
    }
    const leased = entry;
    leased.users++;
    leased.uses++;
    try {
      return await work(await leased.resource);
    } finally {
      leased.users--;
      if (leased.retired && leased.users === 0) this.closeEntry(leased);
    }
  }

  /** Replaces the current resource at its next use; it is closed now, even if in use (work on it was given up). */
  discardCurrent(): void {
    const entry = this.current;
    if (!entry) return;
    entry.retired = true;
    this.current = null;
    void this.closeEntry(entry);
  }

  /**
   * Replaces the current resource at its next use; it is closed once its users are done (a user
   * that never finishes keeps it open): for a resource that is unsafe to close in the middle of work.
   */
  retireCurrent(): void {
    if (this.current) this.retire(this.current);
  }

  /** Closes the current resource (others already retired close when their users finish). */
  async closeAll(): Promise<void> {
    const entry = this.current;
    this.current = null;
    if (entry) await this.closeEntry(entry);
  }

  private retire(entry: Entry<T>): void {
    entry.retired = true;
    if (this.current === entry) this.current = null;
    if (entry.users === 0) void this.closeEntry(entry);
  }

  private closeEntry(entry: Entry<T>): Promise<void> {
    return entry.resource.then((resource) => this.close(resource)).catch(() => undefined);
  }
}
