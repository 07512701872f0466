import type { FunctionsCache } from './functionsCache';

/**
 * Each account's Twilio Functions (FunctionsCache), made on first use: its code is in a lazily
 * loaded bundle (dist/functionsTree.js), so activation pays nothing for it until the tree's
 * Functions group is first expanded. `loaded` lets a flow forget what is cached without loading it.
 */
export class FunctionsAccess {
  private made: FunctionsCache | undefined;

  constructor(private readonly make: () => FunctionsCache) {}

  /** The cache, made (and its bundle loaded) on the first call. */
  cache(): FunctionsCache {
    this.made ??= this.make();
    return this.made;
  }

  /** The cache if something made it already; looking does not make it. */
  get loaded(): FunctionsCache | undefined {
    return this.made;
  }

  dispose(): void {
    this.made?.dispose();
  }
}
