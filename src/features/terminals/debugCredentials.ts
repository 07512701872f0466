import * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import { Cancelled } from '../../platform/commands';
import { Command, type CommandId } from '../../core/util/commandIds';
import type { WorkspaceCredentials, ResolvedCredentials } from './workspaceCredentials';
import { parseChoice } from './choice';
import { Disposable } from '../../core/util/disposable';

/** The `${command:twilioCredentials.*}` variables. */
export type DebugVariable = 'accountSid' | 'apiKey' | 'apiSecret' | 'authToken';

/** The launch configuration property that opts a debug configuration of any type in. */
export const OPT_IN_PROPERTY = 'twilioCredentials';

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
 * Both hand out the credentials of the workspace's "Use Key in Terminals" choice (asking for one
 * when there is none), and only in a trusted workspace: the same credentials any terminal of the
 * workspace already gets, so no extension learns more through them than through a terminal.
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
   * terminals feature's manifest): the workspace's choice, asked for when there is none.
   */
  async variable(name: DebugVariable): Promise<string> {
    const r = await this.credentials.forLaunch();
    if (name === 'accountSid') return r.choice.accountSid;
    if (name === 'authToken') {
      if (r.choice.keySid) throw new Error(vscode.l10n.t('This workspace uses an API key: use {0} and {1} instead.', asVariable(Command.apiKey), asVariable(Command.apiSecret)));
      return r.variables[1][1];
    }
    if (!r.choice.keySid) throw new Error(vscode.l10n.t('This workspace uses an Auth Token, not an API key: use {0} instead.', asVariable(Command.authToken)));
    return name === 'apiKey' ? r.choice.keySid : r.variables[2][1];
  }

  /** Adds the variables to an opted-in configuration's `env`; undefined (launch cancelled) on failure. */
  async resolve(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const opt = config[OPT_IN_PROPERTY];
    if (opt === undefined || opt === false) return config;
    try {
      let resolved: ResolvedCredentials | undefined;
      if (opt === true) {
        resolved = await this.credentials.forLaunch();
      } else {
        const choice = parseChoice(opt);
        if (!choice) throw new Error(vscode.l10n.t('"{0}" must be true or {1}.', OPT_IN_PROPERTY, '{ "accountSid": "AC…", "keySid": "SK…" }'));
        if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Terminals, tasks and debug sessions get Twilio credentials only in a trusted workspace.'));
        resolved = await this.credentials.resolve(choice);
        if (!resolved) throw new Error(vscode.l10n.t('The secret of the key {0} is not stored in this editor: only keys created or imported here can be used.', choice.keySid ?? choice.accountSid));
      }
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

/** How launch.json and tasks.json name a command's value: `${command:id}`. */
function asVariable(id: CommandId): string {
  return '${command:' + id + '}';
}
