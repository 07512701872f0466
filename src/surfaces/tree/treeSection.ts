import type * as vscode from 'vscode';
import type { AccountRecord } from '../../services/model';
import type { Node } from './treeItems';

/**
 * A part of the accounts tree another module draws: its group rows under each account and
 * everything below them (the account's public keys, AWS and push credentials; Functions fits the
 * same shape). The tree asks the section that owns a row; a section's rows name their account.
 */
export interface TreeSection<N extends Node = Node> {
  /** Whether this section drew the row. */
  owns(node: Node): node is N;
  /** Its group rows under an account, after the keys (none when it has nothing to show there). */
  groups(account: AccountRecord): N[];
  treeItem(node: N): vscode.TreeItem;
  children(node: N): Node[] | Promise<Node[]>;
  /** The row above; undefined for a group row (its parent is the account's row, which the tree knows). */
  parentOf(node: N): Node | undefined;
  /** Drops what was loaded, for one account or all (Refresh). */
  forget(accountSid?: string): void;
  readonly onDidChange: vscode.Event<void>;
}
