// The `vscode` module of the unit tests (esbuild.js aliases `vscode` to this file for test/unit).
// The stateful classes under test (AccountStore, the caches, the tree) use VS Code only for
// events, tree items, l10n and a few window/command/configuration calls: this double implements
// exactly those, plainly, and records what the code asked of the editor so a test can check it.
// Anything else is missing on purpose: a class that starts using more fails here loudly, and
// either gets its own piece (kept as simple as these) or is tested in the integration suite.
import type * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../runner/paths';

export class Disposable implements vscode.Disposable {
  constructor(private readonly onDispose: () => void) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> implements vscode.EventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  readonly event: vscode.Event<T> = (listener, thisArgs?, disposables?) => {
    const bound = (e: T) => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const d = new Disposable(() => this.listeners.delete(bound));
    disposables?.push(d);
    return d;
  };
  fire(data: T): void {
    for (const l of [...this.listeners]) l(data);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  isTrusted?: boolean;
  supportThemeIcons?: boolean;
  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: vscode.Command;
  accessibilityInformation?: vscode.AccessibilityInformation;
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export const l10n = {
  /** The English message with `{0}`, `{1}`… filled in, as VS Code does without a bundle. */
  t(message: string, ...args: unknown[]): string {
    return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
  },
};

/** What the code asked of the editor: the context keys it set and the tree views it created. */
export const recorded = {
  contextKeys: new Map<string, unknown>(),
  treeViews: [] as Array<{ id: string; description?: string; disposed: boolean; collapse(element: unknown): void }>,
  /** Settings `workspace.getConfiguration` answers with (full keys, e.g. `twilioCredentials.keys.pageSize`). */
  settings: new Map<string, unknown>(),
  /** Every line written to an output channel, as `channel: level: text`. */
  output: [] as string[],
  reset(): void {
    this.contextKeys.clear();
    this.treeViews.length = 0;
    this.settings.clear();
    this.output.length = 0;
  },
};

export const commands = {
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    if (command !== 'setContext') throw new Error(`the unit-test vscode double runs no command (${command})`);
    recorded.contextKeys.set(String(args[0]), args[1]);
    return undefined;
  },
};

export const window = {
  /** A log output channel (`{ log: true }`) that records its lines in `recorded.output`. */
  createOutputChannel(name: string) {
    const line = (level: string) => (text: string) => void recorded.output.push(`${name}: ${level}: ${text}`);
    return { name, info: line('info'), warn: line('warn'), error: line('error'), show: () => undefined, dispose: () => undefined };
  },
  createTreeView(id: string): { id: string; description?: string; disposed: boolean; dispose(): void; onDidCollapseElement: vscode.Event<{ element: unknown }>; collapse(element: unknown): void } {
    const collapsed = new EventEmitter<{ element: unknown }>();
    const view = {
      id,
      description: undefined as string | undefined,
      disposed: false,
      onDidCollapseElement: collapsed.event,
      /** What VS Code does when the user collapses a row. */
      collapse(element: unknown) {
        collapsed.fire({ element });
      },
      dispose() {
        view.disposed = true;
      },
    };
    recorded.treeViews.push(view);
    return view;
  },
};

const configurationChanged = new EventEmitter<vscode.ConfigurationChangeEvent>();

export const workspace = {
  onDidChangeConfiguration: configurationChanged.event,
  getConfiguration(section?: string) {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    return {
      get<T>(key: string, defaultValue?: T): T | undefined {
        return recorded.settings.has(full(key)) ? (recorded.settings.get(full(key)) as T) : defaultValue;
      },
      has: (key: string) => recorded.settings.has(full(key)),
      /** As VS Code answers it: the default is the one package.json contributes. */
      inspect: (key: string) => ({ key: full(key), defaultValue: contributedDefaults().get(full(key)) }),
    };
  },
};

let defaults: Map<string, unknown> | undefined;
/** The defaults package.json contributes, read once. */
function contributedDefaults(): Map<string, unknown> {
  if (!defaults) {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } | Array<{ properties: Record<string, { default?: unknown }> }> };
    };
    const sections = ([] as Array<{ properties: Record<string, { default?: unknown }> }>).concat(manifest.contributes.configuration);
    defaults = new Map(sections.flatMap((c) => Object.entries(c.properties).map(([k, v]) => [k, v.default] as [string, unknown])));
  }
  return defaults;
}
