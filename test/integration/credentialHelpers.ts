// Scripted answers for the open and save dialogs (the extension's tests share its `vscode` API
// object, as ui.ts explains), and the rows of an account's credential groups (issue 20).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { legacySlate, waitFor } from './helpers';
import type { Node } from '../../src/surfaces/tree/treeItems';

const w = vscode.window as unknown as Record<string, unknown>;

export interface ScriptedDialogs {
  shown: Array<{ kind: 'open' | 'save'; options: vscode.OpenDialogOptions | vscode.SaveDialogOptions }>;
  restore(): void;
}

/** Answers the next open dialogs with these files (undefined: the user cancels). */
export function answerDialogs(answers: { open?: Array<string | undefined>; save?: Array<string | undefined> }): ScriptedDialogs {
  const originals = { showOpenDialog: w.showOpenDialog, showSaveDialog: w.showSaveDialog };
  const open = [...(answers.open ?? [])];
  const save = [...(answers.save ?? [])];
  const d: ScriptedDialogs = { shown: [], restore: () => Object.assign(w, originals) };
  w.showOpenDialog = async (options: vscode.OpenDialogOptions = {}) => {
    d.shown.push({ kind: 'open', options });
    const file = open.shift();
    return file === undefined ? undefined : [vscode.Uri.file(file)];
  };
  w.showSaveDialog = async (options: vscode.SaveDialogOptions = {}) => {
    d.shown.push({ kind: 'save', options });
    const file = save.shift();
    return file === undefined ? undefined : vscode.Uri.file(file);
  };
  return d;
}

type Testing = Awaited<ReturnType<typeof legacySlate>>['t'];

/** The rows of an account's group ("account" or "push"), once loaded. */
export async function groupRows(t: Testing, accountSid: string, group: 'account' | 'push'): Promise<Node[]> {
  const tree = t.accountsView.tree;
  const account = (await tree.getChildren()).find((n) => n.kind === 'account' && n.account.accountSid === accountSid)!;
  const node = (await tree.getChildren(account)).find((n) => n.kind === 'credentialGroup' && n.group === group);
  assert.ok(node, `the account has a ${group} credentials group`);
  return waitFor(async () => {
    const rows = await tree.getChildren(node);
    return rows.some((r) => r.kind === 'credentialMessage' && /Loading/.test(r.message)) ? undefined : rows;
  }, `the ${group} credentials to load`);
}

