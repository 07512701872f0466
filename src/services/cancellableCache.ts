import { PagedCache } from './pagedCache';

/**
 * A PagedCache whose lists can also be stopped while they load (a tree row collapsed) and
 * forgotten by key pattern (every list below an account). Only the Twilio Functions lists need
 * this, and they live in dist/functionsTree.js, so the activation bundle does not carry it.
 */
export class CancellableCache<T extends { sid: string }> extends PagedCache<T> {
  /**
   * Stops the request under way for a list: a first page being loaded is forgotten (the next
   * `load` starts again), a further page is dropped and the list stays as it was.
   */
  cancel(key: string): void {
    const s = this.states.get(key);
    if (s?.status === 'loading') this.forget(key);
    else if (s?.status === 'loaded' && s.loadingMore) this.set(key, { ...s, loadingMore: false });
    this.inFlight.get(key)?.abort();
  }

  /** Forgets every list whose key passes `test` (lists keyed below an account, say), with one announcement. */
  forgetWhere(test: (key: string) => boolean): void {
    const keys = [...this.states.keys()].filter(test);
    if (!keys.length) return;
    for (const key of keys) {
      this.states.delete(key);
      this.inFlight.get(key)?.abort();
    }
    this.changed.fire(undefined);
  }
}
