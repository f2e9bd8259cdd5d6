import fs from 'node:fs';
import { TARBALLS_ENV } from './tarballs';

/** Removes the run's tarball folder that global-setup.ts made. */
export default async function globalTeardown(): Promise<void> {
  const folder = process.env[TARBALLS_ENV];
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
}
