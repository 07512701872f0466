// The `twilio` authentication provider: no commands, one activation event (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';

/** The provider id other extensions ask for (package.json `contributes.authentication`). */
export const AUTH_PROVIDER_ID = 'twilio';

export const authManifest = featureManifest({
  feature: 'auth',
  commands: {},
  activationEvents: { [`onAuthenticationRequest:${AUTH_PROVIDER_ID}`]: 'another extension asks VS Code for a Twilio session' },
});
