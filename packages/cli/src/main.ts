import { readFile } from 'node:fs/promises';
import { runCli } from './cli';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readFile: (file) => readFile(file, 'utf8'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('creditlens stopped on an unexpected error:', error);
    process.exitCode = 1;
  },
);
