/**
 * One way to own disposables. Pure: anything with `dispose()` fits (a `vscode.Disposable`, an
 * `EventEmitter`, a watcher, a registration), so this module needs no `vscode` import.
 */

export interface DisposableLike {
  dispose(): void;
}

/**
 * Base for a class that holds listeners, registrations or emitters: it hands each one to `own()`
 * when it makes it, and `dispose()` releases them all, in the order they were owned, once.
 * Something owned after `dispose()` is released at once, so a late registration cannot leak.
 */
export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  /** Takes ownership of every argument; returns the first (handy in a field initializer). */
  protected own<T extends DisposableLike>(first: T, ...rest: DisposableLike[]): T {
    this.owned.push(first, ...rest);
    if (this.disposed) this.releaseOwned();
    return first;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Releases everything owned. A `dispose()` that throws does not keep the others alive: the first error is rethrown after all ran. */
  dispose(): void {
    this.disposed = true;
    this.releaseOwned();
  }

  private releaseOwned(): void {
    let failure: { error: unknown } | undefined;
    for (const d of this.owned.splice(0)) {
      try {
        d.dispose();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
