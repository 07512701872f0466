// The accounts feature's commands and the tree rows that offer them (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows, Row } from '../../core/util/treeRows';

/** A connected account's own row (not a subaccount's: it is managed with its parent's credentials). */
const connectedAccounts = accountRows((a) => !a.subaccount);

export const accountsManifest = featureManifest({
  feature: 'accounts',
  commands: {
    [Command.connectAccount]: {},
    [Command.connectFromEnvironment]: {},
    [Command.disconnectAccount]: { rows: connectedAccounts },
    [Command.updateCredentials]: { rows: [...connectedAccounts, Row.credentials] },
  },
});
