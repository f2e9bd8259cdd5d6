import fs from 'node:fs';
import path from 'node:path';
import { REPO, runStep } from './processes';

/**
 * `npm pack` of the widget into `destination` (its prepack builds it), as a host installs it:
 * a tarball, never a workspace link, which would hide missing files and wrong exports and
 * load a second React.
 */
export async function packWidget(destination: string): Promise<string> {
  fs.mkdirSync(destination, { recursive: true });
  await runStep('packing the widget', 'npm', ['pack', '--workspace', 'widget', '--pack-destination', destination], { cwd: REPO, timeoutMs: 180_000 });
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'widget/package.json'), 'utf8')) as { version: string };
  const tarball = path.join(destination, `creditlens-widget-${version}.tgz`);
  if (!fs.existsSync(tarball)) throw new Error(`npm pack wrote no ${path.basename(tarball)} into ${destination}: ${fs.readdirSync(destination).join(', ')}`);
  return tarball;
}

/** Copies a project of the repository (an example) out of it, without what an install or a build made there. */
export function copyProject(from: string, to: string): void {
  const generated = new Set(['node_modules', 'dist', 'package-lock.json']);
  fs.cpSync(from, to, { recursive: true, filter: (source) => !generated.has(path.basename(source)) });
}

/**
 * `npm install` in a project outside the repository, with our tarballs: one install per project,
 * from npm's cache where it can (the registry only for what the cache lacks).
 */
export function npmInstall(cwd: string, tarballs: readonly string[]): Promise<string> {
  return runStep(`installing ${path.basename(cwd)}`, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error', ...tarballs], { cwd, timeoutMs: 300_000 });
}

/** The version of a package as installed in a project, and whether it is a real folder (not a link into the repository). */
export function installed(cwd: string, name: string): { version: string; linked: boolean } {
  const folder = path.join(cwd, 'node_modules', name);
  const { version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version: string };
  return { version, linked: fs.lstatSync(folder).isSymbolicLink() };
}
