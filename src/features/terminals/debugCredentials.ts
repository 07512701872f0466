import * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import { Cancelled } from '../../platform/commands';
import { Command, type CommandId } from '../../core/util/commandIds';
import type { WorkspaceCredentials, ResolvedCredentials } from './workspaceCredentials';
import { parseChoice } from './choice';
import { Disposable } from '../../core/util/disposable';
import type { ArgParser } from '../../core/util/commandArgs';
import { asksFor, definedLaunchConfig, definesTaskVariables, launchTargetOf, type LaunchTarget } from './launchTarget';

/** The `${command:twilioCredentials.*}` variables. */
export type DebugVariable = 'accountSid' | 'apiKey' | 'apiSecret' | 'authToken';

/** The launch configuration property that opts a debug configuration of any type in. */
export const OPT_IN_PROPERTY = 'twilioCredentials';

/** A variable command's argument: what VS Code is resolving (checked against the workspace's files by the handler). */
export const launchTargetArgs: ArgParser<LaunchTarget | undefined> = (arg) => launchTargetOf(arg);

/**
 * Debug sessions and tasks get the workspace's credentials in two ways, both resolved from
 * SecretStorage in memory at launch, so nothing is written to launch.json or tasks.json:
 *
 * - `"twilioCredentials": true` in a launch configuration of any type: a debug configuration
 *   provider for `*` adds the variables to its `env` once VS Code has substituted variables
 *   (`{ "accountSid": "AC…", "keySid": "SK…" }` names a key instead of the workspace's choice);
 * - command variables, usable in launch.json and tasks.json alike:
 *   `"TWILIO_API_SECRET": "${command:twilioCredentials.apiSecret}"` (also `accountSid`, `apiKey`,
 *   `authToken`).
 *
 * Only for launch configurations and tasks the workspace's own launch.json and tasks.json define
 * (the configuration being resolved is checked against them: one built by another extension or in
 * code gets nothing), only in a trusted workspace, and only the credentials of the workspace's
 * "Use Key in Terminals" choice (choosing one asks the user); a configuration that names another
 * key needs a grant the user gives once. Anything that runs a terminal of the workspace gets the
 * choice anyway; the rest is the user's to hand out.
 */
export class DebugCredentials extends Disposable {

  constructor(
    private readonly credentials: WorkspaceCredentials,
    private readonly log: Log,
  ) {
    super();
    this.own(
      vscode.debug.registerDebugConfigurationProvider('*', {
        resolveDebugConfigurationWithSubstitutedVariables: (folder, config) => this.resolve(folder, config),
      }),
    );
  }

  /**
   * The value of a `${command:…}` variable of launch.json or tasks.json (the commands are in the
   * terminals feature's manifest) for what VS Code is resolving, when that is a configuration or
   * task of the workspace's own files: the workspace's choice, asked for when there is none.
   */
  async variable(name: DebugVariable, target: LaunchTarget | undefined): Promise<string> {
    const r = await this.credentials.forLaunch(this.askerOf(target, asVariable(Command[name])));
    if (name === 'accountSid') return r.choice.accountSid;
    if (name === 'authToken') {
      if (r.choice.keySid) throw new Error(vscode.l10n.t('This workspace uses an API key: use {0} and {1} instead.', asVariable(Command.apiKey), asVariable(Command.apiSecret)));
      return r.variables[1][1];
    }
    if (!r.choice.keySid) throw new Error(vscode.l10n.t('This workspace uses an Auth Token, not an API key: use {0} instead.', asVariable(Command.authToken)));
    return name === 'apiKey' ? r.choice.keySid : r.variables[2][1];
  }

  /**
   * Who asks, in words, when what VS Code is resolving is a launch configuration or task of the
   * workspace's files that uses this variable; anything else is refused.
   */
  private askerOf(target: LaunchTarget | undefined, variable: string, folder?: vscode.WorkspaceFolder): string {
    if (target?.kind === 'launch') {
      const defined = definedLaunchConfig(workspaceValues('launch', 'configurations', folder), target.config);
      if (defined && (variable === OPT_IN_PROPERTY || asksFor(defined, variable))) return vscode.l10n.t('The launch configuration "{0}" of launch.json', target.name);
    } else if (target?.kind === 'task') {
      if (definesTaskVariables(workspaceValues('tasks', 'tasks', folder), target.variables, variable)) return vscode.l10n.t('A task of tasks.json');
    }
    throw new Error(vscode.l10n.t('Twilio credentials go only to launch configurations and tasks that this workspace\'s launch.json and tasks.json define.'));
  }

  /** Adds the variables to an opted-in configuration's `env`; undefined (launch cancelled) on failure. */
  async resolve(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const opt = config[OPT_IN_PROPERTY];
    if (opt === undefined || opt === false) return config;
    try {
      const named = opt === true ? undefined : parseChoice(opt);
      if (opt !== true && !named) throw new Error(vscode.l10n.t('"{0}" must be true or {1}.', OPT_IN_PROPERTY, '{ "accountSid": "AC…", "keySid": "SK…" }'));
      if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Terminals, tasks and debug sessions get Twilio credentials only in a trusted workspace.'));
      const asker = this.askerOf(launchTargetOf(config), OPT_IN_PROPERTY, folder);
      const resolved: ResolvedCredentials = named ? await this.credentials.forNamed(named, asker) : await this.credentials.forLaunch(asker);
      const env = config.env && typeof config.env === 'object' && !Array.isArray(config.env) ? { ...(config.env as Record<string, unknown>) } : {};
      for (const [name, value] of resolved.variables) env[name] = value;
      const names = resolved.variables.map(([n]) => n).join(', ');
      this.log.info(`Debug session "${String(config.name)}" (${String(config.type)}) gets ${names} of ${resolved.choice.accountSid}.`);
      return { ...config, env };
    } catch (e) {
      this.log.error(`Adding Twilio credentials to "${String(config.name)}" failed`, e);
      if (!(e instanceof Cancelled)) void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }
}

/**
 * What the workspace's own files say for a setting (launch.json, tasks.json, the workspace file):
 * never the user's settings, which configurations built elsewhere could hide among.
 */
function workspaceValues(section: 'launch' | 'tasks', key: string, folder?: vscode.WorkspaceFolder): unknown[] {
  const folders = folder ? [folder] : vscode.workspace.workspaceFolders ?? [];
  const values: unknown[] = [];
  for (const f of folders) {
    const v = vscode.workspace.getConfiguration(section, f.uri).inspect<unknown[]>(key)?.workspaceFolderValue;
    if (Array.isArray(v)) values.push(...v);
  }
  const w = vscode.workspace.getConfiguration(section).inspect<unknown[]>(key)?.workspaceValue;
  if (Array.isArray(w)) values.push(...w);
  return values;
}

/** How launch.json and tasks.json name a command's value: `${command:id}`. */
function asVariable(id: CommandId): string {
  return '${command:' + id + '}';
}
