// The shape of the bundle relayEncrypted.e2e.test.ts loads into the page (window.relayKit).
export { EncryptedRelay } from '../../renderer/transport/relay/EncryptedRelay.js';
export * as Y from 'yjs';
export { Awareness } from 'y-protocols/awareness';
