import { schema as documentsSchema } from '@hocuspocus/extension-sqlite';
import type { MemberKeys } from './members.js';

/** The part of better-sqlite3 this store uses (the package ships no types). */
interface Statement {
  get(parameters: Record<string, unknown>): unknown;
  run(parameters: Record<string, unknown>): unknown;
}
export interface SqliteDatabase {
  prepare(sql: string): Statement;
}

/** Hocuspocus's documents table plus the relay's member keys, created together. */
export const relaySqliteSchema = `${documentsSchema};
CREATE TABLE IF NOT EXISTS "member_keys" ("name" varchar(255) NOT NULL PRIMARY KEY, "public_key" varchar(64) NOT NULL)`;

/** Member keys in the relay's SQLite file, beside the documents they open. */
export class SqliteMemberKeys implements MemberKeys {
  constructor(private readonly database: () => SqliteDatabase | undefined) {}

  private db(): SqliteDatabase {
    const db = this.database();
    if (!db) throw new Error('the relay database is closed');
    return db;
  }

  get(documentName: string): Promise<string | undefined> {
    const row = this.db().prepare('SELECT public_key FROM member_keys WHERE name = $name').get({ name: documentName }) as { public_key: string } | undefined;
    return Promise.resolve(row?.public_key);
  }

  register(documentName: string, publicKey: string, maxDocuments: number): Promise<string | undefined> {
    // One statement, so the count check and the insert cannot interleave with another's.
    this.db()
      .prepare('INSERT INTO member_keys (name, public_key) SELECT $name, $key WHERE (SELECT COUNT(*) FROM member_keys) < $max ON CONFLICT(name) DO NOTHING')
      .run({ name: documentName, key: publicKey, max: maxDocuments });
    return this.get(documentName);
  }
}
