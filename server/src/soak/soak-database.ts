import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, POSTGRES_ADMIN_URL } from '../testing/postgres';
import type { SoakDatabase } from './soak';

/** A fresh, empty database for one soak run, and the function that removes it afterwards. */
export async function createSoakDatabase(kind: SoakDatabase['kind']): Promise<{ database: SoakDatabase; dispose: () => Promise<void> }> {
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase();
    return { database: { kind, url: scratch.url, adminUrl: POSTGRES_ADMIN_URL, name: new URL(scratch.url).pathname.slice(1) }, dispose: scratch.drop };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-soak-'));
  return { database: { kind, file: path.join(folder, 'soak.sqlite') }, dispose: async () => fs.rmSync(folder, { recursive: true, force: true }) };
}
