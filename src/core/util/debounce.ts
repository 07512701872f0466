// One debounce for per-document work (the hardcoded-secret scan, the mix-up check). Pure: timers only.

/** How long typing pauses before a changed document is looked at again. */
export const TYPING_DEBOUNCE_MS = 200;

/** Runs work per key after a delay; scheduling a key again replaces its pending run. */
export class KeyedDebounce<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  schedule(key: K, delayMs: number, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, delayMs),
    );
  }

  /** Drops the key's pending run, if any. */
  cancel(key: K): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Drops every pending run. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
