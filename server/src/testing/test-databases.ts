import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DatabaseLocation } from '../config';
import { openDatabase, type Database, type DatabaseOptions } from '../db';
import { createScratchDatabase, POSTGRES_AVAILABLE_ENV } from './postgres';

export type DatabaseKind = DatabaseLocation['kind'];

/** The databases the integration suite runs on: SQLite always, PostgreSQL when it answers. */
export function databaseKinds(): DatabaseKind[] {
  return process.env[POSTGRES_AVAILABLE_ENV] === '0' ? ['sqlite'] : ['sqlite', 'postgres'];
}

/** Runs the same integration tests once per database, each on a fresh, empty database. */
export function describeEachDatabase(title: string, tests: (kind: DatabaseKind) => void): void {
  describe.each(databaseKinds())(`${title} (%s)`, (kind) => tests(kind));
}

export interface ScratchDatabase {
  readonly db: Database;
  readonly location: DatabaseLocation;
  /** Closes the connection and removes the database. */
  dispose(): Promise<void>;
}

export async function openScratchDatabase(kind: DatabaseKind, options: DatabaseOptions = {}): Promise<ScratchDatabase> {
  const { location, remove } = await createScratchLocation(kind);
  const db = await openDatabase(location, options);
  return {
    db,
    location,
    async dispose() {
      await db.close();
      await remove();
    },
  };
}

/** A new, empty database of `kind`, and how to remove it. */
async function createScratchLocation(kind: DatabaseKind): Promise<{ location: DatabaseLocation; remove: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-test-'));
    return {
      location: { kind, file: path.join(folder, `${randomBytes(4).toString('hex')}.sqlite`) },
      remove: async () => fs.rmSync(folder, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchDatabase();
  return { location: { kind, url: scratch.url }, remove: () => scratch.drop() };
}
