import * as vscode from 'vscode';
import type { AccountStore } from '../../services/accountStore';
import { sameFingerprints, secretOwners } from '../../services/secretOwners';
import { Disposable } from '../../core/util/disposable';

/**
 * Fingerprints of the secrets this editor holds (connected accounts' tokens and keys' secrets),
 * so a hardcoded value equal to one is flagged as a live credential. Computed in memory from
 * SecretStorage, never persisted; what a fingerprint belongs to is kept for the messages.
 */
export class LiveSecrets extends Disposable {
  private prints = new Map<string, { accountSid: string; keySid?: string; kind: string }>();
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private loading: Promise<void> | undefined;

  constructor(private readonly accounts: AccountStore) {
    super();
    this.own(accounts.onDidChange(() => void this.reload()));
  }

  fingerprints(): ReadonlySet<string> {
    if (!this.loading) void this.reload();
    return new Set(this.prints.keys());
  }

  owner(print: string): { accountSid: string; keySid?: string; kind: string } | undefined {
    return this.prints.get(print);
  }

  reload(): Promise<void> {
    this.loading = (async () => {
      const next = await secretOwners(this.accounts);
      const same = sameFingerprints(next, this.prints);
      this.prints = next;
      if (!same) this.changed.fire();
    })();
    return this.loading;
  }
}
