// Scripted answers for the prompts the extension shows. The extension's tests run in its own
// extension host and share its `vscode` API object, so replacing window functions here is what
// the extension sees. Every prompt is recorded so tests can assert what the user was asked.
import * as vscode from 'vscode';

/** An answer that presses the Back button of a multi-step input's prompt. */
export const BACK = Symbol('Back');
type InputAnswer = string | undefined | typeof BACK | ((opts: vscode.InputBoxOptions) => string | undefined);
type PickAnswer = string | string[] | undefined | typeof BACK | ((items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | vscode.QuickPickItem[] | undefined);
type MessageAnswer = string | undefined;

export interface Prompt {
  kind: 'input' | 'pick' | 'info' | 'warning' | 'error';
  text: string;
  options?: unknown;
  items?: string[];
  /** A step of a multi-step input that offered the Back button. */
  back?: boolean;
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
    createInputBox: w.createInputBox,
    createQuickPick: w.createQuickPick,
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
    if (a === BACK) throw new Error('BACK answered a prompt that has no Back button');
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
    if (a === BACK) throw new Error('BACK answered a prompt that has no Back button');
    if (a === undefined) return undefined;
    if (typeof a === 'function') return a(list);
    const chosen = choose(list, a);
    return opts.canPickMany ? chosen : chosen[0];
  };
  // The multi-step input's prompts (createInputBox, createQuickPick) take their answers from the
  // same queues, answered as the user would: type and press Enter, click items, press Back
  // (BACK), or Escape (undefined).
  w.createInputBox = () => {
    const box = new FakeQuickInput();
    box.answer = async () => {
      const opts: vscode.InputBoxOptions = { title: box.title, prompt: box.prompt, placeHolder: box.placeholder, password: box.password, value: box.value, ignoreFocusOut: box.ignoreFocusOut };
      ui.prompts.push({ kind: 'input', text: `${box.title ?? ''} ${box.prompt ?? ''}`.trim(), options: opts, back: box.hasBack() });
      const a = inputs.shift();
      const value = typeof a === 'function' ? a(opts) : a;
      if (value === BACK) return box.pressBack();
      if (value === undefined) return box.hide();
      box.value = value;
      box.changedValue.fire(value);
      const v = box.validationMessage;
      const message = typeof v === 'string' ? v : v?.message;
      ui.validation.push(message || undefined);
      if (message) return box.hide(); // the user could not submit an invalid value
      box.accepted.fire();
    };
    return box;
  };
  w.createQuickPick = () => {
    const qp = new FakeQuickInput();
    qp.answer = async () => {
      const list = qp.items;
      const opts: vscode.QuickPickOptions = { title: qp.title, placeHolder: qp.placeholder, canPickMany: qp.canSelectMany, ignoreFocusOut: qp.ignoreFocusOut };
      ui.prompts.push({ kind: 'pick', text: `${qp.title ?? ''} ${qp.placeholder ?? ''}`.trim(), options: opts, items: list.map((i) => i.label), back: qp.hasBack() });
      const a = picks.shift();
      if (a === BACK) return qp.pressBack();
      if (a === undefined) return qp.hide();
      const answered = typeof a === 'function' ? a(list) : choose(list, a);
      if (answered === undefined) return qp.hide();
      qp.selectedItems = Array.isArray(answered) ? answered : [answered];
      qp.accepted.fire();
    };
    return qp;
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

function choose(list: readonly vscode.QuickPickItem[], answer: string | string[]): vscode.QuickPickItem[] {
  const labels = Array.isArray(answer) ? answer : [answer];
  return labels.map((l) => {
    // An exact label first: 'app/.env' must not pick 'report-app/.env' listed before it.
    const found = list.find((i) => i.label === l) ?? list.find((i) => i.label.includes(l));
    if (!found) throw new Error(`No quick pick item "${l}" in: ${list.map((i) => i.label).join(', ')}`);
    return found;
  });
}

/** Enough of vscode.InputBox and vscode.QuickPick for the extension's multi-step input; answers itself once shown. */
class FakeQuickInput {
  title: string | undefined;
  prompt: string | undefined;
  placeholder: string | undefined;
  value = '';
  password = false;
  validationMessage: string | vscode.InputBoxValidationMessage | undefined;
  buttons: readonly vscode.QuickInputButton[] = [];
  ignoreFocusOut = false;
  enabled = true;
  busy = false;
  step: number | undefined;
  totalSteps: number | undefined;
  items: readonly vscode.QuickPickItem[] = [];
  activeItems: readonly vscode.QuickPickItem[] = [];
  selectedItems: readonly vscode.QuickPickItem[] = [];
  canSelectMany = false;
  matchOnDescription = false;
  matchOnDetail = false;
  answer: () => Promise<void> = async () => undefined;
  readonly changedValue = new vscode.EventEmitter<string>();
  readonly accepted = new vscode.EventEmitter<void>();
  readonly triggered = new vscode.EventEmitter<vscode.QuickInputButton>();
  readonly hidden = new vscode.EventEmitter<void>();
  readonly onDidChangeValue = this.changedValue.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidTriggerButton = this.triggered.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidChangeActive = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>().event;
  readonly onDidChangeSelection = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>().event;
  private visible = false;

  show(): void {
    if (this.visible) return;
    this.visible = true;
    // As in VS Code, the answer comes after show() returns. A script that does not fit (no such
    // item, Back where there is none) says so and closes the prompt, which ends the flow.
    setTimeout(() => {
      this.answer().catch((e: unknown) => {
        console.error(`scripted answer to "${this.title}" failed:`, e);
        this.hide();
      });
    }, 0);
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.hidden.fire();
  }
  dispose(): void {
    this.hide();
  }
  hasBack(): boolean {
    return this.buttons.includes(vscode.QuickInputButtons.Back);
  }
  pressBack(): void {
    if (!this.hasBack()) throw new Error(`BACK answered "${this.title}", which has no Back button`);
    this.triggered.fire(vscode.QuickInputButtons.Back);
  }
}

/**
 * Records every modal message shown while a progress notification is open (wraps the scripted UI,
 * so install it after scriptUi() and restore it first): a modal must never wait under a progress.
 */
export function watchModalsUnderProgress(): { modalsUnderProgress: string[]; restore(): void } {
  const originals = { withProgress: w.withProgress, showInformationMessage: w.showInformationMessage, showWarningMessage: w.showWarningMessage, showErrorMessage: w.showErrorMessage };
  const modalsUnderProgress: string[] = [];
  let open = 0;
  const withProgress = originals.withProgress as typeof vscode.window.withProgress;
  w.withProgress = <R>(opts: vscode.ProgressOptions, task: Parameters<typeof vscode.window.withProgress<R>>[1]) =>
    withProgress.call(vscode.window, opts, async (progress, token) => {
      open++;
      try {
        return await task(progress, token);
      } finally {
        open--;
      }
    });
  for (const name of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const) {
    const show = originals[name] as (...a: unknown[]) => unknown;
    w[name] = (text: string, ...rest: unknown[]) => {
      if (open > 0 && (rest[0] as { modal?: boolean } | undefined)?.modal) modalsUnderProgress.push(text);
      return show.call(vscode.window, text, ...rest);
    };
  }
  return { modalsUnderProgress, restore: () => Object.assign(w, originals) };
}
