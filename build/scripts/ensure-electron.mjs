// `npm start` on a machine where Electron's binary was not fetched at install time (npm 11
// asks before running install scripts; ELECTRON_SKIP_BINARY_DOWNLOAD skips it): fetch it
// now with Electron's own installer, or say clearly what to do.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
if (!existsSync(path.join(electronDir, 'path.txt'))) {
  console.log('Fetching the Electron runtime (first start only)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (result.status !== 0 || !existsSync(path.join(electronDir, 'path.txt'))) {
    console.error(
      'Could not download Electron. Check your internet connection and run `npm start` again.\n' +
        'Meanwhile, `npm run web` runs Commonplace in your browser.',
    );
    process.exit(1);
  }
}
