/**
 * Prepared statements, compiled once per connection.
 *
 * `statementsOf({ name: 'SELECT ...' })` returns a function that gives the
 * compiled statements of a database, preparing them on first use.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

export function statementsOf<K extends string>(texts: Record<K, string>): (db: Db) => Record<K, Statement> {
  const cache = new WeakMap<Db, Record<K, Statement>>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = {} as Record<K, Statement>;
      for (const key of Object.keys(texts) as K[]) statements[key] = db.prepare(texts[key]);
      cache.set(db, statements);
    }
    return statements;
  };
}
