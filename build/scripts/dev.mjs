// `npm run dev`: Vite's dev server with hot reload for the renderer, and Electron pointed
// at it. The main process is rebuilt and Electron restarted when electron/ or shared/ change.
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { createServer } from 'vite';

const server = await createServer({ configFile: 'vite.config.ts' });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
console.log(`Renderer dev server at ${url}`);

const ensure = spawnSync(process.execPath, ['build/scripts/ensure-electron.mjs'], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);

let electron = null;
function restart() {
  const built = spawnSync(process.execPath, ['build/scripts/build-node.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) return;
  electron?.removeAllListeners('exit');
  electron?.kill();
  electron = spawn('npx', ['electron', '.'], { stdio: 'inherit', env: { ...process.env, VITE_DEV_SERVER_URL: url } });
  electron.on('exit', () => {
    void server.close().then(() => process.exit(0));
  });
}

let pending = null;
for (const folder of ['electron', 'shared']) {
  watch(folder, { recursive: true }, () => {
    clearTimeout(pending);
    pending = setTimeout(restart, 200);
  });
}
restart();
