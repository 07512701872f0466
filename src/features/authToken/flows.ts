// The Auth Token commands' flows: in dist/flows.js, loaded when one first runs (register.ts).
export { rotateAuthToken } from './rotateAuthToken';
export { checkAuthToken, deleteSecondaryAuthToken, promoteSecondaryAuthToken } from './secondaryCommands';
