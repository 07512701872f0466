// Auth Token rotation's commands and the tree rows that offer them (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows, Row } from '../../core/util/treeRows';

export const authTokenManifest = featureManifest({
  feature: 'authToken',
  commands: {
    // Twilio rotates the token of the account that authenticates: only accounts connected with their own.
    [Command.rotateAuthToken]: { rows: accountRows((a) => a.authToken) },
    [Command.promoteSecondaryAuthToken]: { rows: [Row.secondaryAuthToken] },
    [Command.deleteSecondaryAuthToken]: { rows: [Row.secondaryAuthToken] },
    // Settles a promotion whose answer was lost; also offered on any account with its own token.
    [Command.checkAuthToken]: { rows: [Row.authTokenUnknown, ...accountRows((a) => a.authToken)] },
  },
});
