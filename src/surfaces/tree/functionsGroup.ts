// Each account's Functions group in the accounts tree, as the activation bundle knows it: the
// collapsed group row, drawn here, and everything below it from dist/functionsTree.js, loaded
// when a group is first expanded (src/platform/lazyBundles.json).
import * as vscode from 'vscode';
import type * as FunctionsTree from './functionsTreeBundle';
import type { FunctionsSection } from './functionsSection';
import type { AccountRecord } from '../../services/model';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { ourUiArgs } from '../../platform/callers';
import { Disposable } from '../../core/util/disposable';
import { groupItem, type FunctionsGroupNode, type FunctionsNode } from './functionsNodes';

/** The module of dist/functionsTree.js, loaded on first call. */
export function functionsTreeBundle(): typeof FunctionsTree {
  return loadLazyBundle<typeof FunctionsTree>('functionsTree');
}

/**
 * The tree's Functions rows. Until a group is expanded the section below is not made, so nothing
 * loads; once made, its changes redraw the tree. The rows' own commands (load more, Retry, Update
 * Credentials, Connect) get arguments marked as this extension's own here, in the activation
 * bundle, whose src/platform/callers.ts is the one commands consult.
 */
export class FunctionsGroup extends Disposable {
  private section: FunctionsSection | undefined;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly make: () => FunctionsSection) {
    super();
  }

  /** The group row under an account (or a subaccount listed under its parent). */
  group(account: AccountRecord): FunctionsGroupNode {
    return { kind: 'functions', account };
  }

  treeItem(node: FunctionsNode): vscode.TreeItem {
    if (!this.section && node.kind === 'functions') return groupItem(node);
    const item = this.made().treeItem(node);
    if (item.command?.arguments) item.command = { ...item.command, arguments: item.command.arguments.map((a: unknown) => (a && typeof a === 'object' ? ourUiArgs(a) : a)) };
    return item;
  }

  children(node: FunctionsNode): FunctionsNode[] {
    return this.made().children(node);
  }

  /** The row above `node`; undefined for the group (its parent is the account's row, which the tree knows). */
  parentOf(node: FunctionsNode): FunctionsNode | undefined {
    return node.kind === 'functions' ? undefined : this.made().parentOf(node);
  }

  /** A collapsed row stops loading what it lists; nothing was loading before the section was made. */
  collapsed(node: FunctionsNode): void {
    this.section?.collapsed(node);
  }

  forget(accountSid?: string): void {
    this.section?.forget(accountSid);
  }

  private made(): FunctionsSection {
    if (!this.section) {
      this.section = this.make();
      this.own(this.section.onDidChange(() => this.changed.fire()));
    }
    return this.section;
  }
}
