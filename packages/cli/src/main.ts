import { createReadStream } from 'node:fs';
import { runCli } from './cli';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  openFile: (file) => createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 }),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('creditlens stopped on an unexpected error:', error);
    process.exitCode = 1;
  },
);
