// Scripted answers for the prompts the extension shows. The extension's tests run in its own
// extension host and share its `vscode` API object, so replacing window functions here is what
// the extension sees. Every prompt is recorded so tests can assert what the user was asked.
import * as vscode from 'vscode';

type InputAnswer = string | undefined | ((opts: vscode.InputBoxOptions) => string | undefined);
type PickAnswer = string | string[] | undefined | ((items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | vscode.QuickPickItem[] | undefined);
type MessageAnswer = string | undefined;

export interface Prompt {
  kind: 'input' | 'pick' | 'info' | 'warning' | 'error';
  text: string;
  options?: unknown;
  items?: string[];
}

export interface ScriptedUi {
  prompts: Prompt[];
  input(...answers: InputAnswer[]): ScriptedUi;
  pick(...answers: PickAnswer[]): ScriptedUi;
  /** Answers messages that offer buttons (information, warning, error; modal or not), in order. */
  message(...answers: MessageAnswer[]): ScriptedUi;
  /** Validation messages the extension's validateInput gave for each input answer. */
  validation: Array<string | undefined>;
  restore(): void;
}

const w = vscode.window as unknown as Record<string, unknown>;

export function scriptUi(): ScriptedUi {
  const originals = {
    showInputBox: w.showInputBox,
    showQuickPick: w.showQuickPick,
    showInformationMessage: w.showInformationMessage,
    showWarningMessage: w.showWarningMessage,
    showErrorMessage: w.showErrorMessage,
  };
  const inputs: InputAnswer[] = [];
  const picks: PickAnswer[] = [];
  const messages: MessageAnswer[] = [];
  const ui: ScriptedUi = {
    prompts: [],
    validation: [],
    input: (...a) => (inputs.push(...a), ui),
    pick: (...a) => (picks.push(...a), ui),
    message: (...a) => (messages.push(...a), ui),
    restore: () => Object.assign(w, originals),
  };
  w.showInputBox = async (opts: vscode.InputBoxOptions = {}) => {
    ui.prompts.push({ kind: 'input', text: `${opts.title ?? ''} ${opts.prompt ?? ''}`.trim(), options: opts });
    const a = inputs.shift();
    const value = typeof a === 'function' ? a(opts) : a;
    if (value !== undefined && opts.validateInput) {
      const v = await opts.validateInput(value);
      const message = typeof v === 'string' ? v : v?.message;
      ui.validation.push(message ?? undefined);
      if (message) return undefined; // the user could not submit an invalid value
    }
    return value;
  };
  w.showQuickPick = async (items: readonly (string | vscode.QuickPickItem)[] | Thenable<readonly (string | vscode.QuickPickItem)[]>, opts: vscode.QuickPickOptions = {}) => {
    const list = (await items).map((i) => (typeof i === 'string' ? { label: i } : i));
    ui.prompts.push({ kind: 'pick', text: `${opts.title ?? ''} ${opts.placeHolder ?? ''}`.trim(), options: opts, items: list.map((i) => i.label) });
    const a = picks.shift();
    if (a === undefined) return undefined;
    if (typeof a === 'function') return a(list);
    const labels = Array.isArray(a) ? a : [a];
    const chosen = labels.map((l) => {
      const found = list.find((i) => i.label === l || i.label.includes(l));
      if (!found) throw new Error(`No quick pick item "${l}" in: ${list.map((i) => i.label).join(', ')}`);
      return found;
    });
    return opts.canPickMany ? chosen : chosen[0];
  };
  const message = (kind: Prompt['kind']) => async (text: string, ...rest: unknown[]) => {
    const opts = rest[0] && typeof rest[0] === 'object' && !('title' in (rest[0] as object)) ? rest[0] : undefined;
    const buttons = rest.filter((r) => typeof r === 'string' || (r && typeof r === 'object' && 'title' in r)) as Array<string | vscode.MessageItem>;
    ui.prompts.push({ kind, text, options: opts, items: buttons.map((b) => (typeof b === 'string' ? b : b.title)) });
    // Notifications without buttons ask nothing: they take no scripted answer.
    if (!buttons.length) return undefined;
    const a = messages.shift();
    if (a === undefined) return undefined;
    return buttons.find((b) => (typeof b === 'string' ? b : b.title) === a);
  };
  w.showInformationMessage = message('info');
  w.showWarningMessage = message('warning');
  w.showErrorMessage = message('error');
  return ui;
}
