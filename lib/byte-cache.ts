/**
 * A least-recently-used map with a budget in bytes, not entries: the caches of a
 * server that holds 100,000 documents must not grow with the corpus. Each value's
 * size is told when it is stored (for strings, about two bytes a character).
 */
export class ByteBudgetCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private used = 0;

  constructor(readonly budgetBytes: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-inserting moves the key to the end: Map iteration order is the recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.bytes;
      this.entries.delete(key);
    }
    // A value larger than the whole budget is not kept: it would only push everything else out.
    if (bytes > this.budgetBytes) return;
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A budget in MB from an environment variable, else the default. */
export function budgetFromEnv(name: string, defaultMb: number): number {
  const value = Number(process.env[name]);
  return (Number.isFinite(value) && value >= 0 ? value : defaultMb) * 1024 * 1024;
}
