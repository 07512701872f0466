// Use Key in Terminals and debugging: the commands, the tree rows that offer them and the
// activation events the feature needs (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows, keyRows, Row } from '../../core/util/treeRows';

const connectedAccounts = accountRows((a) => !a.subaccount);

export const terminalsManifest = featureManifest({
  feature: 'terminals',
  commands: {
    [Command.useInTerminals]: { rows: [...keyRows((k) => k.secretStored && !k.terminals), ...connectedAccounts] },
    [Command.stopUsingInTerminals]: { rows: [...keyRows((k) => k.terminals), ...connectedAccounts] },
    // The launch grants of this workspace, under their account.
    [Command.withdrawLaunchGrant]: { rows: [Row.launchGrant] },
    // ${command:…} variables of launch.json and tasks.json.
    [Command.accountSid]: {},
    [Command.apiKey]: {},
    [Command.apiSecret]: {},
    [Command.authToken]: {},
  },
  activationEvents: {
    // The environment-variable collection is never persisted (it would hold secrets): it is
    // rebuilt from SecretStorage at activation. Without this event a terminal opened before
    // anything else activated the extension (a source file, the view, a command) would silently
    // lack the workspace's choice.
    onStartupFinished: "restores the workspace's Use Key in Terminals choice for the terminals opened next",
    onDebug: 'adds the credentials to launch configurations that opt in ("twilioCredentials": true)',
  },
});
