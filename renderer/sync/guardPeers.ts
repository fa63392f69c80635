import type { WebrtcConn, WebrtcProvider } from 'y-webrtc';
import { inspectPeerMessage } from '../../shared/sync/peerMessages.js';

export interface DroppedPeer {
  readonly peerId: string;
  readonly reason: string;
  readonly at: number;
}

type DataListener = (data: Uint8Array) => void;

/**
 * Puts a check in front of y-webrtc's handling of every peer message. y-webrtc hands data
 * straight to Yjs, which applies part of a malformed update before throwing; here a message
 * that does not decode completely is never passed on, and its sender is disconnected and
 * refused from then on. The local document is never touched by it.
 */
export function guardPeers(
  provider: WebrtcProvider,
  onDrop: (dropped: DroppedPeer) => void,
  onConnectionChange: () => void = () => undefined,
  silentAfterMs = 8000,
  /** Generous: a connection through a TURN server on a slow network takes seconds. */
  handshakeMs = 10_000,
): void {
  const refused = new Set<string>();
  const guardConn = (conn: WebrtcConn): void => {
    const peer = conn.peer as unknown as { listeners(event: string): DataListener[]; removeAllListeners(event: string): void; on(event: string, listener: DataListener): void };
    let heard = false;
    // A handshake that never completes leaves y-webrtc's connection in place for good, and
    // y-webrtc only tries again when it is closed (it then announces itself anew). Seen
    // when two peers reconnect at the same moment (the e2e offline-merge test, about one
    // time in five on this machine): close it after a while so a new one is made.
    let watchdog: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
      if (!conn.connected) conn.destroy();
    }, handshakeMs);
    // y-webrtc announces a peer when the connection is created, not when it opens: tell
    // the status when the data channel actually opens or closes.
    peer.on('connect', () => {
      onConnectionChange();
      // Both sides send their state vector the moment a channel opens, and ask again every
      // few seconds (meshTraffic): a channel that says it is open but carries nothing is
      // closed the same way.
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        if (!heard && conn.connected) conn.destroy();
      }, silentAfterMs);
    });
    peer.on('close', () => {
      clearTimeout(watchdog);
      onConnectionChange();
    });
    const originals = peer.listeners('data');
    peer.removeAllListeners('data');
    const drop = (reason: string): void => {
      refused.add(conn.remotePeerId);
      onDrop({ peerId: conn.remotePeerId, reason, at: Date.now() });
      conn.destroy();
    };
    peer.on('data', (data) => {
      heard = true;
      if (refused.has(conn.remotePeerId)) return;
      const verdict = inspectPeerMessage(data);
      if (!verdict.ok) {
        drop(verdict.reason);
        return;
      }
      try {
        for (const listener of originals) listener(data);
      } catch (error) {
        drop(`failed to apply (${error instanceof Error ? error.message : String(error)})`);
      }
    });
    if (refused.has(conn.remotePeerId)) conn.destroy();
  };
  // The room exists once the password's key is derived; connections are made after that,
  // when signaling messages arrive, and are stored in room.webrtcConns: guard at that moment.
  void provider.key.then(() => {
    const room = provider.room;
    if (!room) return;
    const conns = room.webrtcConns;
    const originalSet = conns.set.bind(conns);
    conns.set = (peerId: string, conn: WebrtcConn) => {
      guardConn(conn);
      return originalSet(peerId, conn);
    };
    for (const conn of conns.values()) guardConn(conn);
  });
}
