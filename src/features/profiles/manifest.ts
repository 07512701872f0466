// Importing twilio-cli profiles: its command (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';

export const profilesManifest = featureManifest({ feature: 'profiles', commands: { [Command.importCliProfiles]: {} } });
