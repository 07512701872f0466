// The credential report's command (issue 20, point 5) and the rows that offer it
// (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows } from '../../core/util/treeRows';

export const reportManifest = featureManifest({
  feature: 'report',
  commands: {
    // The report covers every connected account; offered on the accounts that hold their own credentials.
    [Command.credentialReport]: { rows: accountRows((a) => !a.subaccount) },
  },
});
