import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * Real Redis and PostgreSQL servers for the relay's tests: each on a free loopback port in
 * a temporary folder, stopped by the test that started it. Debian's packages are expected
 * (.ci/run installs them when missing).
 */

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything it printed, for assertions on its log. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a process and resolves once its output contains `ready`. */
export function startProcess(command: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<RunningProcess> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: RunningProcess = {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (ready.test(output)) resolve(running);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`${command} exited with ${code} before it was ready:\n${output}`)));
  });
}

export async function startRedis(folder: string): Promise<{ process: RunningProcess; url: string; port: number }> {
  const port = await freePort();
  const redis = await startProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder], /Ready to accept connections/);
  return { process: redis, url: `redis://127.0.0.1:${port}`, port };
}

const pgBin = '/usr/lib/postgresql/15/bin';

/** PostgreSQL refuses to run as root; as root, run it as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  // setpriv execs (runuser would stay as a parent), so stopping the child stops PostgreSQL.
  return process.getuid?.() === 0 ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--clear-groups', command, ...args]] : [command, args];
}

/** A fresh cluster in its own temporary folder (owned by `postgres` when run as root); remove `folder` after stopping. */
export async function startPostgres(): Promise<{ process: RunningProcess; url: string; folder: string; dataDirectory: string }> {
  const port = await freePort();
  const folder = mkdtempSync(path.join(tmpdir(), 'commonplace-pg-'));
  const dataDirectory = path.join(folder, 'data');
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    chownSync(folder, Number(ids), Number(group));
  }
  const [initCommand, initArgs] = asPostgresUser(path.join(pgBin, 'initdb'), ['-D', dataDirectory, '-A', 'trust', '-U', 'relay', '--no-sync', '-E', 'UTF8']);
  const result = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr}`);
  const [command, args] = asPostgresUser(path.join(pgBin, 'postgres'), ['-D', dataDirectory, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  const postgres = await startProcess(command, args, /ready to accept connections/);
  return { process: postgres, url: `postgres://relay@127.0.0.1:${port}/postgres`, folder, dataDirectory };
}
