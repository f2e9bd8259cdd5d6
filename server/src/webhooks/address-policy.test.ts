import { isPublicAddress, parseWebhookUrl, resolveTarget, UnsafeTargetError, type HostResolver } from './address-policy';

const resolver = (table: Record<string, string[]>): HostResolver => async (hostname) => {
  const addresses = table[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('which addresses a webhook may reach', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '192.0.2.10', '198.51.100.1', '203.0.113.5', '198.18.0.1', '224.0.0.1', '255.255.255.255',
    '::', '::1', 'fe80::1', 'fd00::1', 'fc12:3456::1', 'ff02::1', '2001:db8::1', 'fec0::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1',
  ])('refuses %s, which is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4001:80b::200e'])('accepts %s, which is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses what is not an address at all', () => {
    expect(isPublicAddress('localhost')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
  });
});

describe('webhook URLs', () => {
  const problem = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      if (error instanceof UnsafeTargetError) return error.message;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('takes https only, unless private targets are allowed (then http too)', () => {
    expect(problem(() => parseWebhookUrl('http://hooks.example.com/x', false))).toBe('must be an https URL, got http');
    expect(parseWebhookUrl('http://127.0.0.1:8080/x', true).hostname).toBe('127.0.0.1');
    expect(problem(() => parseWebhookUrl('ftp://hooks.example.com/x', true))).toBe('must be an https URL (or http), got ftp');
  });

  it('refuses what is not an absolute URL, credentials in it, and fragments', () => {
    expect(problem(() => parseWebhookUrl('hooks.example.com', false))).toMatch(/is not an absolute URL/);
    expect(problem(() => parseWebhookUrl('https://user:pw@hooks.example.com/', false))).toMatch(/must not carry a user name or password/);
    expect(problem(() => parseWebhookUrl('https://hooks.example.com/#x', false))).toMatch(/#fragment/);
  });

  it('strips the brackets of an IPv6 host', () => {
    expect(parseWebhookUrl('https://[2606:4700::1]/x', false).hostname).toBe('2606:4700::1');
  });

  it('resolves the host and refuses it when any of its addresses is internal', async () => {
    const resolve = resolver({ 'hooks.example.com': ['93.184.216.34'], 'mixed.example.com': ['93.184.216.34', '10.0.0.7'], 'v6.example.com': ['::1'] });
    await expect(resolveTarget(parseWebhookUrl('https://hooks.example.com/', false), false, resolve)).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    await expect(resolveTarget(parseWebhookUrl('https://mixed.example.com/', false), false, resolve)).rejects.toThrow(
      'host mixed.example.com resolves to 10.0.0.7, which is not a public address',
    );
    await expect(resolveTarget(parseWebhookUrl('https://v6.example.com/', false), false, resolve)).rejects.toThrow('resolves to ::1');
    await expect(resolveTarget(parseWebhookUrl('https://nowhere.example.com/', false), false, resolve)).rejects.toThrow('host nowhere.example.com does not resolve (ENOTFOUND)');
    await expect(resolveTarget(parseWebhookUrl('https://[fe80::1]/', false), false, resolve)).rejects.toThrow('address fe80::1, which is not a public address');
    await expect(resolveTarget(parseWebhookUrl('http://mixed.example.com/', true), true, resolve)).resolves.toEqual({ address: '93.184.216.34', family: 4 });
  });
});
