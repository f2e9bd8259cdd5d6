import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SERVER_ROOT = path.resolve(__dirname, '..');

jest.setTimeout(60_000);

describe('the server process', () => {
  it('exits non-zero with a message naming the port when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-port-'));
    try {
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', path.join(__dirname, 'soak/source-aliases.ts'), path.join(__dirname, 'main.ts')],
        {
          cwd: SERVER_ROOT,
          env: { PATH: process.env.PATH, TS_NODE_PROJECT: path.join(SERVER_ROOT, 'tsconfig.json'), PORT: String(port), DATABASE_URL: `sqlite:${folder}/db.sqlite`, DEMO: '0', EXPLORER: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} is already in use`);
      expect(stdout).not.toContain('listening on');
      const fatal = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((line) => line.level === 60);
      expect(fatal).toMatchObject({ msg: 'cannot listen', port });
    } finally {
      blocker.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
