// The commands of an account's other credentials (issue 20, points 3 and 4: public keys, AWS and
// push credentials) and the tree rows that offer them (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { pushCredentialRows, Row } from '../../core/util/treeRows';

export const credentialsManifest = featureManifest({
  feature: 'credentials',
  commands: {
    [Command.addPublicKey]: { rows: [Row.accountCredentialsGroup] },
    // Public keys and AWS credentials are renamed and deleted alike (Accounts v1).
    [Command.renameAccountCredential]: { rows: [Row.publicKey, Row.awsCredential] },
    [Command.deleteAccountCredential]: { rows: [Row.publicKey, Row.awsCredential] },
    // Only an FCM credential takes a service-account JSON as its secret.
    [Command.replaceFcmSecret]: { rows: pushCredentialRows((f) => f.type === 'fcm') },
    [Command.deletePushCredential]: { rows: pushCredentialRows() },
  },
});
