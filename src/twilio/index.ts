// Entry of dist/twilio.js, the lazily loaded bundle that alone contains the `twilio` library.
export { createTwilioApi } from './api';
export type { TwilioApi, TwilioApiOptions } from './api';
export { resolveApiOrigin, readApiOrigin, checkApiOrigin, API_ORIGIN_ENV } from './origin';
export type { ApiOriginSetting, OriginCheck } from './origin';
export { TwilioApiError } from './errors';
export type { TwilioErrorKind } from './errors';
export type * from './types';
