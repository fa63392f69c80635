import { allowOrigins, startSignalingServer } from '../services/signaling.js';
import { describeError, portFromEnv } from './port.js';

// `npm run signal`: a y-webrtc signaling server on its own, for a LAN or a small host.
// It listens on every interface by default because its purpose is to be reached by others.
const host = process.env.HOST ?? '0.0.0.0';
const port = portFromEnv(4444);

// Web pages other than the app may use this server only if listed, e.g.
// ALLOWED_ORIGINS=https://commonplace.example.org (comma-separated).
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');

startSignalingServer({ host, port, allowOrigin: allowOrigins(allowedOrigins) }).then(
  (running) => {
    console.log(`Signaling server listening at ${running.url}`);
    const stop = (): void => {
      void running.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`Could not start the signaling server on ${host}:${port}: ${describeError(error)}`);
    process.exit(1);
  },
);
