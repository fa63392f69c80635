import { Database } from '@hocuspocus/extension-database';
import pg from 'pg';
import type { MemberKeys } from './members.js';

/**
 * Shared persistence for several relay instances: documents (sealed envelopes) and member
 * keys in one PostgreSQL database. Connecting and creating the tables happen before the
 * relay listens, so a database that is down stops the start with a clear error.
 */

const schema = `
CREATE TABLE IF NOT EXISTS relay_documents (name varchar(255) PRIMARY KEY, data bytea NOT NULL);
CREATE TABLE IF NOT EXISTS relay_member_keys (name varchar(255) PRIMARY KEY, public_key varchar(64) NOT NULL);`;

export interface PostgresStore {
  readonly extension: Database;
  readonly keys: MemberKeys;
  close(): Promise<void>;
}

export async function openPostgres(connectionString: string): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client's error (the server restarting) must not crash the relay; queries report it.
  pool.on('error', (error) => {
    console.warn(`relay: PostgreSQL connection lost: ${error.message}`);
  });
  try {
    await pool.query(schema);
  } catch (error) {
    await pool.end();
    throw new Error(`cannot use PostgreSQL at ${redact(connectionString)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const extension = new Database({
    fetch: async ({ documentName }) => {
      const result = await pool.query<{ data: Buffer }>('SELECT data FROM relay_documents WHERE name = $1', [documentName]);
      const row = result.rows[0];
      return row ? new Uint8Array(row.data) : null;
    },
    store: async ({ documentName, state }) => {
      await pool.query('INSERT INTO relay_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data', [documentName, state]);
    },
  });
  const keys: MemberKeys = {
    async get(documentName) {
      const result = await pool.query<{ public_key: string }>('SELECT public_key FROM relay_member_keys WHERE name = $1', [documentName]);
      return result.rows[0]?.public_key;
    },
    async register(documentName, publicKey, maxDocuments) {
      // One statement: two instances registering at once cannot both pass the count.
      await pool.query(
        'INSERT INTO relay_member_keys (name, public_key) SELECT $1, $2 WHERE (SELECT COUNT(*) FROM relay_member_keys) < $3 ON CONFLICT (name) DO NOTHING',
        [documentName, publicKey, maxDocuments],
      );
      return keys.get(documentName);
    },
  };
  return { extension, keys, close: () => pool.end() };
}

/** The connection string without its password, for logs. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable connection string)';
  }
}
