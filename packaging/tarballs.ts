/**
 * The packed tarballs of one test run, and how tests install them where a user would: in a
 * folder outside the repository, with npm, from the tarball files (never a workspace link).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
/** Set by global-setup.ts: the folder holding this run's tarballs and npm's packed.json. */
export const TARBALLS_ENV = 'CREDITLENS_TEST_TARBALLS';

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface PackedTarball {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackedFile[];
}

export function tarballFolder(): string {
  const folder = process.env[TARBALLS_ENV];
  if (!folder) throw new Error(`${TARBALLS_ENV} is not set: these tests need packaging/global-setup.ts (run them through the installed-packages Jest project)`);
  return folder;
}

/** npm's report of each tarball this run packed, by package name. */
export function packed(): ReadonlyMap<string, PackedTarball> {
  const report = JSON.parse(fs.readFileSync(path.join(tarballFolder(), 'packed.json'), 'utf8')) as PackedTarball[];
  return new Map(report.map((tarball) => [tarball.name, tarball]));
}

export function tarballOf(name: string): string {
  const tarball = packed().get(name);
  if (!tarball) throw new Error(`no tarball of ${name} was packed`);
  return path.join(tarballFolder(), tarball.filename);
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program without the npm_* variables of an enclosing `npm test` (they would point npm at
 * this repository's workspace), asynchronously so that a test server in this process can answer.
 */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: options.cwd, env: { ...env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** npm install in `folder`, from the warm cache where it can; fails the test with npm's output otherwise. */
export async function npmInstall(folder: string, specs: readonly string[]): Promise<void> {
  const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: folder });
  if (installed.code !== 0) throw new Error(`npm install ${specs.join(' ')} failed in ${folder}:\n${installed.stdout}${installed.stderr}`);
}

/** A fresh folder outside the repository, removed by the returned function. */
export function scratchFolder(prefix: string): { folder: string; remove: () => void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!path.relative(REPO_ROOT, folder).startsWith('..')) throw new Error(`${folder} is inside the repository`);
  return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
