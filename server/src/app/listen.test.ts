import express from 'express';
import type { AddressInfo } from 'node:net';
import { listen, ListenError } from './listen';

describe('listen', () => {
  it('refuses a taken port with an error naming it, instead of seeming to start', async () => {
    const first = await listen(express(), 0, '127.0.0.1');
    const { port } = first.address() as AddressInfo;
    try {
      const second = listen(express(), port, '127.0.0.1');
      await expect(second).rejects.toThrow(ListenError);
      await expect(second).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => first.close(resolve));
    }
  });
});
