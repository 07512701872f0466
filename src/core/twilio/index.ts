// Entry of dist/twilio.js, the lazily loaded bundle that alone contains the `twilio` library.
import * as l10n from '@vscode/l10n';
export { createTwilioApi } from './api';
export type { TwilioApi, TwilioApiOptions } from './api';
export { resolveApiOrigin, readApiOrigin, checkApiOrigin, API_ORIGIN_ENV } from './origin';
export type { ApiOriginSetting, OriginCheck } from './origin';
export { TwilioApiError } from './errors';
export type { TwilioErrorKind } from './errors';
export type * from './types';

/** This bundle has its own copy of `@vscode/l10n`: the extension hands it the language bundle. */
export function configureL10n(contents: Record<string, string>): void {
  l10n.config({ contents });
}
