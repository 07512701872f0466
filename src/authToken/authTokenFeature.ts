import type { Services } from '../services/services';
import { registerCommand } from '../util/commands';
import { rotateAuthToken } from './rotateAuthToken';
import { deleteSecondaryAuthToken, promoteSecondaryAuthToken } from './secondaryCommands';
import { Disposable } from '../util/disposable';

/**
 * Auth Token rotation: `twilioCredentials.rotateAuthToken` (tree, palette, and other features'
 * quick fixes and hovers with `{ accountSid }`), and promoting or deleting a secondary left waiting.
 */
export class AuthTokenFeature extends Disposable {
  constructor(s: Services) {
    super();
    this.own(
      registerCommand(s.log, 'twilioCredentials.rotateAuthToken', (arg?: unknown) => rotateAuthToken(s, arg)),
      registerCommand(s.log, 'twilioCredentials.promoteSecondaryAuthToken', (arg?: unknown) => promoteSecondaryAuthToken(s, arg)),
      registerCommand(s.log, 'twilioCredentials.deleteSecondaryAuthToken', (arg?: unknown) => deleteSecondaryAuthToken(s, arg)),
    );
  }
}
