import type { Services } from '../../services/services';
import { registerCommand } from '../../platform/commands';
import { Disposable } from '../../core/util/disposable';
import { rotateAuthToken, rotateAuthTokenArgs } from './rotateAuthToken';
import { checkAuthToken, checkAuthTokenArgs, deleteSecondaryAuthToken, promoteSecondaryAuthToken, secondaryArgs } from './secondaryCommands';
import { Command } from '../../core/util/commandIds';

/**
 * Auth Token rotation: `twilioCredentials.rotateAuthToken` (tree, palette, and other features'
 * quick fixes and hovers with `{ accountSid }`), promoting or deleting a secondary left waiting, and
 * checking which stored token Twilio accepts (Check Auth Token).
 */
export class AuthTokenFeature extends Disposable {
  constructor(s: Services) {
    super();
    this.own(
      registerCommand(s.log, Command.rotateAuthToken, rotateAuthTokenArgs, (args) => rotateAuthToken(s, args)),
      registerCommand(s.log, Command.promoteSecondaryAuthToken, secondaryArgs, (args) => promoteSecondaryAuthToken(s, args)),
      registerCommand(s.log, Command.deleteSecondaryAuthToken, secondaryArgs, (args) => deleteSecondaryAuthToken(s, args)),
      registerCommand(s.log, Command.checkAuthToken, checkAuthTokenArgs, (args) => checkAuthToken(s, args)),
    );
  }
}
