import type { CommonplaceBridge } from '../../shared/bridge/contract.js';
import { createBrowserBridge } from './browserBridge.js';

declare global {
  interface Window {
    /** Set by the desktop preload; absent in a plain browser. */
    readonly commonplace?: CommonplaceBridge;
  }
}

/** The desktop bridge when the preload provided one, otherwise the browser's. */
export const bridge: CommonplaceBridge = window.commonplace ?? createBrowserBridge();
