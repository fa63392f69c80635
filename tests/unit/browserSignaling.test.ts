import { describe, expect, it } from 'vitest';
import { signalingPath } from '../../electron/services/webServer.js';
import { browserSignalingEndpoints, webSignalingPath } from '../../renderer/bridge/browserBridge.js';

describe('signaling endpoints in a plain browser', () => {
  it("is the page origin's /signal, ws:// for http and wss:// for https", () => {
    expect(browserSignalingEndpoints({ protocol: 'http:', host: '127.0.0.1:5173' }, false)).toEqual({
      local: ['ws://127.0.0.1:5173/signal'],
      discovered: [],
    });
    expect(browserSignalingEndpoints({ protocol: 'https:', host: 'circle.example.org' }, false)).toEqual({
      local: ['wss://circle.example.org/signal'],
      discovered: [],
    });
    expect(browserSignalingEndpoints({ protocol: 'http:', host: '[::1]:8080' }, false)).toEqual({
      local: ['ws://[::1]:8080/signal'],
      discovered: [],
    });
  });

  it('is none for a page not served by `npm run web`', () => {
    expect(browserSignalingEndpoints({ protocol: 'file:', host: '' }, false)).toEqual({ local: [], discovered: [] });
    expect(browserSignalingEndpoints({ protocol: 'app:', host: 'commonplace' }, false)).toEqual({ local: [], discovered: [] });
    expect(browserSignalingEndpoints({ protocol: 'http:', host: '127.0.0.1:5173' }, true)).toEqual({ local: [], discovered: [] });
  });

  it('uses the path the web server listens on', () => {
    expect(webSignalingPath).toBe(signalingPath);
  });
});
