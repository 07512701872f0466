// In-memory stand-ins for VS Code's Memento (global state) and SecretStorage, for unit tests of
// the classes that own them. They behave as VS Code's do where the code depends on it: a value
// set by update() is visible at once, undefined removes a key, values are copies (JSON), and
// SecretStorage announces each change, including those "another window" makes (`fromElsewhere`).
// Each counts its writes, so a test can say "this did not write storage".
import type * as vscode from 'vscode';
import { EventEmitter } from './vscode';

export class InMemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, string>();
  /** Every update(), in order: the key and whether it set or removed a value. */
  readonly writes: Array<{ key: string; removed: boolean }> = [];

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }

  private held: Promise<void> | undefined;

  update(key: string, value: unknown): Promise<void> {
    this.writes.push({ key, removed: value === undefined });
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
    return this.held ?? Promise.resolve();
  }

  /** Until the returned function is called, update() applies at once but its promise waits (a slow disk). */
  hold(): () => void {
    let release!: () => void;
    this.held = new Promise((r) => (release = r));
    return () => {
      this.held = undefined;
      release();
    };
  }

  /** Everything stored, as JSON text: for "no secret is in global state" checks. */
  dump(): string {
    return JSON.stringify([...this.values]);
  }
}

export class InMemorySecretStorage implements vscode.SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  /** Keys written (stored or deleted) through this window, in order. */
  readonly writes: string[] = [];
  /** When set, store() rejects with it, as SecretStorage does with a locked keyring. */
  failStoreWith: Error | undefined;

  /** Every id stored. */
  keys(): string[] {
    return [...this.values.keys()];
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failStoreWith) throw this.failStoreWith;
    this.writes.push(key);
    this.values.set(key, value);
    this.changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    this.writes.push(key);
    this.values.delete(key);
    this.changed.fire({ key });
  }

  /** A change made by another window sharing this storage: no write recorded here, an event fired. */
  fromElsewhere(key: string, value: string | undefined): void {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.changed.fire({ key });
  }
}
