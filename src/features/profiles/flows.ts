// The twilio-cli profile import's flow: in dist/flows.js, loaded when it first runs (register.ts).
export { importCliProfiles } from './importProfiles';
