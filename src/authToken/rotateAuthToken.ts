import * as vscode from 'vscode';
import type { Services } from '../services/services';
import type { AccountRecord } from '../accounts/model';
import type { AccountCredentials } from '../twilio/types';
import { TwilioApiError } from '../twilio/errors';
import { pickAccount } from '../accounts/pickAccount';
import { Cancelled, errorMessage } from '../util/commands';
import { envFilesHolding, hardcodedPlaces } from './tokenPlaces';
import { Command } from '../util/commandIds';
import { argsOf, field } from '../util/commandArgs';

export interface RotateAuthTokenArgs {
  accountSid?: string;
  /** Promote without asking once the secondary works (keybindings, tests). */
  confirmPromote?: boolean;
}

export const rotateAuthTokenArgs = argsOf<RotateAuthTokenArgs>({ accountSid: field.string, confirmPromote: field.boolean });

export type AuthTokenRotationStep = 'create' | 'store' | 'env' | 'verify' | 'promote' | 'storePromoted' | 'verifyPromotion';

export interface RotateAuthTokenResult {
  accountSid: string;
  /** The secondary became the primary: the old Auth Token no longer works. */
  promoted: boolean;
  envFilesUpdated: string[];
  envFilesNotUpdated: string[];
  /** `path:line` where the old token is still written (code, example files, unsaved editors). */
  stillHardcoded: string[];
  /** The step that failed, when rotation stopped early. */
  stoppedAt?: AuthTokenRotationStep;
  /** Where everything stands, in words, when rotation stopped or promotion was left for later. */
  state?: string;
}

const TITLE = () => vscode.l10n.t('Rotate Auth Token');
const list = (items: string[]) => items.join(', ') || vscode.l10n.t('none');

/**
 * The account whose Auth Token is rotated, with its credentials, or an error that says what is
 * needed: Twilio rotates the token of the account that authenticates, so this needs the account's
 * own Auth Token (not a Main key, not a parent's token).
 */
export async function tokenAccount(s: Services, accountSid: string | undefined, title: string): Promise<{ account: AccountRecord; creds: AccountCredentials & { auth: { kind: 'authToken' } } }> {
  if (!accountSid && !s.accounts.roots().some((a) => a.auth === 'authToken') && s.accounts.roots().length) {
    throw new Error(vscode.l10n.t('No account is connected with its Auth Token. Rotating an Auth Token needs that token: use "Update Credentials" to connect an account with it.'));
  }
  const account = await pickAccount(s.accounts, accountSid, title);
  if (account.parentAccountSid) {
    const parent = s.accounts.get(account.parentAccountSid);
    const connect = vscode.l10n.t('Connect with Its Own Auth Token');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" is a subaccount managed with the Auth Token of "{1}".', account.label, parent?.label ?? account.parentAccountSid),
      {
        modal: true,
        detail: vscode.l10n.t('Twilio rotates the Auth Token of the account that authenticates, so a subaccount’s token can only be rotated with the subaccount’s own Auth Token, which this editor does not hold. Connect the subaccount with its own Auth Token (Twilio Console → the subaccount → API keys & tokens), then rotate it.'),
      },
      connect,
    );
    if (choice === connect) {
      await vscode.commands.executeCommand(Command.connectAccount, { accountSid: account.accountSid, label: account.label, region: account.region ?? 'us1' });
    }
    throw new Cancelled();
  }
  if (account.auth !== 'authToken') {
    throw new Error(vscode.l10n.t('"{0}" is connected with a Main API key. Rotating its Auth Token needs the Auth Token itself: connect the account with it ("Update Credentials"), then rotate.', account.label));
  }
  const creds = await s.accounts.requireCredentials(account);
  if (creds.auth.kind !== 'authToken') throw new Error(vscode.l10n.t('The credentials of "{0}" are not an Auth Token.', account.label));
  return { account, creds: creds as AccountCredentials & { auth: { kind: 'authToken' } } };
}

/** What a promotion breaks, line by line, for the confirmations. */
export function promotionBreaks(): string[] {
  return [
    vscode.l10n.t('Promotion breaks:'),
    vscode.l10n.t('• anything still using the old Auth Token: deployed apps, CI secrets, other machines;'),
    vscode.l10n.t('• webhook signature validation (X-Twilio-Signature) in apps that check it with the old token: Twilio signs with the new one from now on;'),
    vscode.l10n.t('• Twilio Functions and Services with the token embedded may see errors (403) for about a minute while the change propagates.'),
  ];
}

function withToken(creds: AccountCredentials, authToken: string): AccountCredentials {
  return { accountSid: creds.accountSid, auth: { kind: 'authToken', authToken }, region: creds.region, edge: creds.edge };
}

/**
 * Rotates an account's Auth Token: create a secondary, store it, update every workspace .env that
 * holds the old token, list where it is still hardcoded, check the secondary authenticates, then
 * (after a modal that says what promotion breaks) promote it, store it as the account's credential
 * and check the old token is refused. Each failing step stops with both tokens as they are and a
 * statement of where things stand; an unpromoted secondary waits in the tree.
 */
export async function rotateAuthToken(s: Services, args: RotateAuthTokenArgs = {}): Promise<RotateAuthTokenResult | undefined> {
  const { account, creds } = await tokenAccount(s, args.accountSid, TITLE());
  const api = await s.twilio.get();
  const oldToken = creds.auth.authToken;
  const result: RotateAuthTokenResult = { accountSid: account.accountSid, promoted: false, envFilesUpdated: [], envFilesNotUpdated: [], stillHardcoded: [] };

  const stop = async (step: AuthTokenRotationStep, state: string): Promise<RotateAuthTokenResult> => {
    result.stoppedAt = step;
    result.state = state;
    s.log.warn(`Auth Token rotation of ${account.accountSid} stopped at "${step}": ${state}`);
    await vscode.window.showErrorMessage(vscode.l10n.t('Rotation of the Auth Token of "{0}" stopped.', account.label), { modal: true, detail: state });
    return result;
  };

  // Phase 1, in a progress notification (no modal inside it): secondary created and stored, .env
  // files updated, places listed, secondary checked. Returns the stop statement, if any.
  let secondary: string | undefined = await s.accounts.getSecondaryAuthToken(account.accountSid);
  const reused = secondary !== undefined;
  const stopped = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rotating the Auth Token of "{0}"', account.label) },
    async (progress): Promise<[AuthTokenRotationStep, string] | undefined> => {
      if (!secondary) {
        progress.report({ message: vscode.l10n.t('creating a secondary Auth Token…') });
        let created: string;
        try {
          created = (await api.createSecondaryAuthToken(creds)).secondaryAuthToken;
        } catch (e) {
          const err = TwilioApiError.from(e);
          return [
            'create',
            err.outcomeUnknown
              ? vscode.l10n.t('Creating the secondary Auth Token failed ({0}), and Twilio may have created one without answering. Nothing uses it and nothing was changed: the current Auth Token still works. Run Rotate Auth Token again: a new secondary replaces the one never received.', err.message)
              : vscode.l10n.t('Creating the secondary Auth Token failed: {0} Nothing was changed: the current Auth Token still works.', err.message),
          ];
        }
        s.log.protect(created);
        progress.report({ message: vscode.l10n.t('storing the secondary Auth Token…') });
        try {
          await s.accounts.storeSecondaryAuthToken(account.accountSid, created);
        } catch (e) {
          // Nothing depends on the secondary yet: drop it on Twilio rather than leave a token no one holds.
          let dropped = false;
          try {
            dropped = await api.deleteSecondaryAuthToken(creds);
          } catch (d) {
            s.log.error('Deleting the unstored secondary Auth Token failed', d);
          }
          return [
            'store',
            dropped
              ? vscode.l10n.t('The secondary Auth Token could not be stored in this editor’s secret storage ({0}), so it was deleted again on Twilio. Nothing else was changed: the current Auth Token still works.', errorMessage(e))
              : vscode.l10n.t('The secondary Auth Token could not be stored in this editor’s secret storage ({0}), and deleting it on Twilio failed too. Nothing uses it; the current Auth Token still works. Delete the secondary in the Twilio Console, or run Rotate Auth Token again (a new secondary replaces it).', errorMessage(e)),
          ];
        }
        secondary = created;
      } else {
        s.log.protect(secondary);
      }

      progress.report({ message: vscode.l10n.t('updating .env files…') });
      const { updatable, notUpdatable } = await envFilesHolding(s.envIndex, oldToken);
      result.envFilesNotUpdated.push(...notUpdatable.map((f) => `${f.label} (${f.reason})`));
      for (const { file, names } of updatable) {
        const outcome = await s.envWriter.write(file.uri, names.map((name) => ({ name, value: secondary! })));
        if (outcome.ok) {
          result.envFilesUpdated.push(file.label);
          await s.envIndex.refresh(file.uri);
        } else {
          result.envFilesNotUpdated.push(outcome.message ? `${file.label} (${outcome.message})` : file.label);
        }
      }

      progress.report({ message: vscode.l10n.t('looking for the old token in the workspace…') });
      result.stillHardcoded = await hardcodedPlaces(oldToken, new Set(s.envIndex.all().map((f) => f.uri.toString())));

      if (result.envFilesNotUpdated.length) {
        return [
          'env',
          vscode.l10n.t('The secondary Auth Token is created and stored here; both tokens work. Updated: {0}. NOT updated: {1}. Fix those files and run Rotate Auth Token again (it continues with the same secondary), or delete the secondary from the tree.', list(result.envFilesUpdated), list(result.envFilesNotUpdated)),
        ];
      }

      progress.report({ message: vscode.l10n.t('checking the secondary Auth Token works…') });
      try {
        const check = await api.checkCredentials(withToken(creds, secondary));
        if (!check.valid) throw new Error(check.reason);
      } catch (e) {
        return [
          'verify',
          reused
            ? vscode.l10n.t('The secondary Auth Token stored earlier did not authenticate ({0}); it may have been deleted or replaced elsewhere. .env files now holding it: {1}. The current Auth Token still works: delete the secondary from the tree, then rotate again.', errorMessage(e), list(result.envFilesUpdated))
            : vscode.l10n.t('The secondary Auth Token did not authenticate ({0}). .env files now holding it: {1}. Nothing was promoted: the current Auth Token still works. Try again later, or delete the secondary from the tree.', errorMessage(e), list(result.envFilesUpdated)),
        ];
      }
      return undefined;
    },
  );
  if (stopped) return stop(...stopped);

  // Phase 2: what promotion breaks, asked outside any progress notification.
  if (!args.confirmPromote) {
    const promote = vscode.l10n.t('Promote');
    const places = result.stillHardcoded.length
      ? vscode.l10n.t('Still using the old token (update them first): {0}.', result.stillHardcoded.slice(0, 10).join(', ') + (result.stillHardcoded.length > 10 ? vscode.l10n.t(' and {0} more', result.stillHardcoded.length - 10) : ''))
      : vscode.l10n.t('No other place in this workspace holds the old token.');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The new Auth Token of "{0}" works. Promote it? The old token stops working at once.', account.label),
      {
        modal: true,
        detail: [
          vscode.l10n.t('.env files updated: {0}.', list(result.envFilesUpdated)),
          places,
          ...promotionBreaks(),
        ].join('\n'),
      },
      promote,
    );
    if (choice !== promote) {
      result.state = vscode.l10n.t('Not promoted: both tokens work, and the secondary is stored here. Promote it or delete it later from the tree (under the account).');
      void vscode.window.showInformationMessage(result.state);
      return result;
    }
  }
  return promoteStored(s, account, creds, secondary!, result, stop);
}

/**
 * Promotes the stored secondary and makes it the account's credential, then checks the old token
 * is refused and the new one works. Shared by the rotation and the tree's "Promote" command.
 */
export async function promoteStored(
  s: Services,
  account: AccountRecord,
  creds: AccountCredentials & { auth: { kind: 'authToken' } },
  secondary: string,
  result: RotateAuthTokenResult,
  stop: (step: AuthTokenRotationStep, state: string) => Promise<RotateAuthTokenResult>,
): Promise<RotateAuthTokenResult> {
  const api = await s.twilio.get();
  let outcome: string | undefined;
  const stopped = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Promoting the new Auth Token of "{0}"', account.label) },
    async (progress): Promise<[AuthTokenRotationStep, string] | undefined> => {
      progress.report({ message: vscode.l10n.t('promoting…') });
      try {
        const promoted = await api.promoteSecondaryAuthToken(creds);
        if (promoted.authToken !== secondary) throw new TwilioApiError('unexpectedResponse');
      } catch (e) {
        const err = TwilioApiError.from(e);
        // A lost answer: ask Twilio which token it accepts now.
        const happened = err.outcomeUnknown && (await tokenWorks(s, withToken(creds, secondary))) && !(await tokenWorks(s, creds));
        if (!happened) {
          return [
            'promote',
            err.outcomeUnknown
              ? vscode.l10n.t('The answer to the promotion was lost ({0}) and Twilio still accepts the old token, so it did not happen. Both tokens work; promote again from the tree.', err.message)
              : vscode.l10n.t('Promoting failed: {0} Both tokens still work; the secondary is stored here. Promote it again or delete it from the tree.', err.message),
          ];
        }
      }
      result.promoted = true;
      progress.report({ message: vscode.l10n.t('storing the new Auth Token…') });
      try {
        await s.accounts.replaceAuthToken(account.accountSid, secondary);
        await s.accounts.forgetSecondaryAuthToken(account.accountSid);
      } catch (e) {
        return [
          'storePromoted',
          vscode.l10n.t('The new Auth Token is promoted (the old one no longer works), but storing it as the account’s credential failed ({0}). It is still stored here as the secondary token; use "Update Credentials" with the new token from the Twilio Console.', errorMessage(e)),
        ];
      }
      progress.report({ message: vscode.l10n.t('checking the old token is refused…') });
      try {
        const [fresh, old] = [await api.checkCredentials(withToken(creds, secondary)), await api.checkCredentials(creds)];
        if (!fresh.valid) {
          return ['verifyPromotion', vscode.l10n.t('The new Auth Token is promoted and stored, but Twilio did not accept it just now ({0}). Changes can take a minute to reach every Twilio service: refresh the account in a minute.', fresh.reason)];
        }
        if (old.valid) {
          return ['verifyPromotion', vscode.l10n.t('The new Auth Token is promoted and stored, but Twilio still accepted the old token just now. Changes can take a minute to reach every Twilio service; check again shortly, and treat the old token as live until then.')];
        }
      } catch (e) {
        return ['verifyPromotion', vscode.l10n.t('The new Auth Token is promoted and stored, but checking it failed ({0}). Refresh the account to check again.', errorMessage(e))];
      }
      s.log.info(`Rotated the Auth Token of ${account.accountSid}; updated ${result.envFilesUpdated.length} .env file(s); the old token is refused.`);
      outcome = result.stillHardcoded.length
        ? vscode.l10n.t('The Auth Token of "{0}" is rotated: the old token is refused; {1} .env file(s) updated. It is still written in {2} place(s): {3}', account.label, result.envFilesUpdated.length, result.stillHardcoded.length, result.stillHardcoded.slice(0, 5).join(', '))
        : vscode.l10n.t('The Auth Token of "{0}" is rotated: the old token is refused; {1} .env file(s) updated.', account.label, result.envFilesUpdated.length);
      return undefined;
    },
  );
  if (stopped) return stop(...stopped);
  if (outcome) void announce(outcome, result.stillHardcoded);
  return result;
}

/** The outcome; where the old token is still written, a button lists those places to open. */
async function announce(outcome: string, places: string[]): Promise<void> {
  if (!places.length) {
    void vscode.window.showInformationMessage(outcome);
    return;
  }
  const show = vscode.l10n.t('Show Places');
  if ((await vscode.window.showWarningMessage(outcome, show)) !== show) return;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const pick = await vscode.window.showQuickPick(
    places.map((p) => ({ label: p })),
    { title: vscode.l10n.t('Where the old Auth Token is still written'), placeHolder: vscode.l10n.t('Replace it with an environment variable or an API key') },
  );
  const m = pick && /^(.*):(\d+)$/.exec(pick.label);
  if (!m || !folders.length) return;
  // With several folders the label starts with the folder's name (as asRelativePath wrote it).
  const named = folders.length > 1 ? folders.find((f) => m[1].startsWith(`${f.name}/`)) : undefined;
  const uri = named ? vscode.Uri.joinPath(named.uri, m[1].slice(named.name.length + 1)) : vscode.Uri.joinPath(folders[0].uri, m[1]);
  const line = Math.max(0, Number(m[2]) - 1);
  try {
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0) });
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not open {0}.', pick.label));
  }
}

async function tokenWorks(s: Services, creds: AccountCredentials): Promise<boolean> {
  try {
    return (await (await s.twilio.get()).checkCredentials(creds)).valid;
  } catch {
    return false;
  }
}
