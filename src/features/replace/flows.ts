// Replace Auth Token with API Key's flow: in dist/flows.js, loaded when it first runs (register.ts).
export { replaceAuthTokenWithKey } from './replaceAuthToken';
