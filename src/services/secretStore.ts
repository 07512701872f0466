import * as vscode from 'vscode';
import { Disposable } from '../core/util/disposable';

/**
 * The only code that touches `context.secrets`. Secrets are stored under stable ids:
 *   account/<AccountSid>/authToken        the Auth Token an account was connected with
 *   account/<AccountSid>/apiKeySecret     the Main key secret an account was connected with
 *   account/<AccountSid>/secondaryAuthToken a secondary Auth Token created here, until promoted or deleted
 *   key/<AccountSid>/<KeySid>             the secret of a key created (or imported) here
 */
export type SecretRef =
  | { kind: 'authToken'; accountSid: string }
  | { kind: 'apiKeySecret'; accountSid: string }
  | { kind: 'secondaryAuthToken'; accountSid: string }
  | { kind: 'keySecret'; accountSid: string; keySid: string };

const PREFIX = 'twilioCredentials/';

export function secretId(ref: SecretRef): string {
  switch (ref.kind) {
    case 'authToken':
      return `${PREFIX}account/${ref.accountSid}/authToken`;
    case 'apiKeySecret':
      return `${PREFIX}account/${ref.accountSid}/apiKeySecret`;
    case 'secondaryAuthToken':
      return `${PREFIX}account/${ref.accountSid}/secondaryAuthToken`;
    case 'keySecret':
      return `${PREFIX}key/${ref.accountSid}/${ref.keySid}`;
  }
}

/** Parses a stored id back; undefined for ids that are not ours. */
function parseSecretId(id: string): SecretRef | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const parts = id.slice(PREFIX.length).split('/');
  if (parts[0] === 'account' && parts.length === 3) {
    if (parts[2] === 'authToken') return { kind: 'authToken', accountSid: parts[1] };
    if (parts[2] === 'apiKeySecret') return { kind: 'apiKeySecret', accountSid: parts[1] };
    if (parts[2] === 'secondaryAuthToken') return { kind: 'secondaryAuthToken', accountSid: parts[1] };
  }
  if (parts[0] === 'key' && parts.length === 3) return { kind: 'keySecret', accountSid: parts[1], keySid: parts[2] };
  return undefined;
}

export class SecretStore extends Disposable {
  private readonly changed = new vscode.EventEmitter<SecretRef>();
  /** Fires for changes made here and in other windows. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this.own(
      secrets.onDidChange((e) => {
        const ref = parseSecretId(e.key);
        if (ref) this.changed.fire(ref);
      }),
      this.changed,
    );
  }

  async get(ref: SecretRef): Promise<string | undefined> {
    return this.secrets.get(secretId(ref));
  }

  async store(ref: SecretRef, value: string): Promise<void> {
    await this.secrets.store(secretId(ref), value);
  }

  async delete(ref: SecretRef): Promise<void> {
    await this.secrets.delete(secretId(ref));
  }
}
