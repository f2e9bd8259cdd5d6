import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-config-'));
const base = { DATABASE_URL: `sqlite:${folder}/db.sqlite` };

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('uses the documented defaults in development', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ port: 4000, production: false, explorer: true, demo: true, corsOrigins: [], adminApiKeyGenerated: true, logLevel: 'info' });
    expect(config.adminApiKey).toMatch(/^clk_admin_/);
    expect(loadConfig({}).databaseUrl).toBe('sqlite:./data/creditlens.sqlite');
  });

  it('keeps the generated development signing key in the data folder across starts', () => {
    expect(loadConfig(base).embedSigningKey).toBe(loadConfig(base).embedSigningKey);
    expect(fs.existsSync(path.join(folder, 'embed-signing-key'))).toBe(true);
  });

  it('requires the admin and signing keys in production, naming the variable', () => {
    expect(problemOf({ ...base, NODE_ENV: 'production' })).toMatch(/^ADMIN_API_KEY: is required/);
    expect(problemOf({ ...base, NODE_ENV: 'production', ADMIN_API_KEY: 'a'.repeat(20) })).toMatch(/^EMBED_SIGNING_KEY: is required/);
    const production = loadConfig({ ...base, NODE_ENV: 'production', ADMIN_API_KEY: 'a'.repeat(20), EMBED_SIGNING_KEY: 'k'.repeat(32) });
    expect(production).toMatchObject({ explorer: false, demo: false, adminApiKeyGenerated: false });
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: must be a whole number/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: "mysql:\/\/x" is neither/],
    [{ EMBED_SIGNING_KEY: 'short' }, /^EMBED_SIGNING_KEY: keys must be at least 32 characters/],
    [{ EMBED_PREVIOUS_SIGNING_KEYS: `${'k'.repeat(32)},short` }, /^EMBED_PREVIOUS_SIGNING_KEYS:/],
    [{ CORS_ORIGINS: 'https://ok.example.com,not an origin' }, /^CORS_ORIGINS: "not an origin"/],
    [{ EXPLORER: 'yes' }, /^EXPLORER: must be 1 or 0/],
    [{ DEMO: '2' }, /^DEMO: must be 1 or 0/],
    [{ ADMIN_API_KEY: 'short' }, /^ADMIN_API_KEY: must be at least 16/],
    [{ WEBHOOK_ALLOW_PRIVATE: 'yes' }, /^WEBHOOK_ALLOW_PRIVATE: must be 1 or 0/],
    [{ WEBHOOK_POLL_INTERVAL_MS: '0' }, /^WEBHOOK_POLL_INTERVAL_MS: must be a whole number from 10 to 60000, got "0"/],
    [{ WEBHOOK_FIRST_RETRY_MS: '31000' }, /^WEBHOOK_FIRST_RETRY_MS: must be a whole number from 1 to 30000/],
    [{ WEBHOOK_MAX_RETRY_DELAY_MS: '500' }, /^WEBHOOK_MAX_RETRY_DELAY_MS: must be a whole number from 1000 to 86400000/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/],
    [{ METRICS: 'on' }, /^METRICS: must be 1 or 0/],
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN: must be at least 16 characters, got 5/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL: "localhost:6379" is not a redis:\/\/ or rediss:\/\/ URL/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '5s' }, /^DATABASE_STATEMENT_TIMEOUT_MS: must be a whole number of milliseconds/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '50' }, /^DATABASE_STATEMENT_TIMEOUT_MS:/],
  ])('stops on a bad value, naming the variable: %o', (env, message) => {
    expect(problemOf({ ...base, ...env })).toMatch(message);
  });

  it('serves no metrics unless METRICS=1 opens them or METRICS_TOKEN guards them (the token wins)', () => {
    expect(loadConfig(base).metrics).toEqual({ kind: 'off' });
    expect(loadConfig({ ...base, METRICS: '1' }).metrics).toEqual({ kind: 'open' });
    expect(loadConfig({ ...base, METRICS: '1', METRICS_TOKEN: 't'.repeat(20) }).metrics).toEqual({ kind: 'token', token: 't'.repeat(20) });
  });

  it('counts the rate limit on Redis only with REDIS_URL, and gives statements 30 s by default', () => {
    expect(loadConfig(base)).toMatchObject({ redisUrl: null, statementTimeoutMs: 30_000, prettyLogs: false });
    expect(loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_STATEMENT_TIMEOUT_MS: '5000', NODE_ENV: 'development' })).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      statementTimeoutMs: 5000,
      prettyLogs: true,
    });
  });

  it('hides credentials of a Redis URL it refuses', () => {
    expect(problemOf({ ...base, REDIS_URL: 'http://user:secret@host' })).not.toContain('secret');
  });

  it('refuses private webhook targets unless WEBHOOK_ALLOW_PRIVATE=1, in production too', () => {
    expect(loadConfig(base)).toMatchObject({ webhookAllowPrivate: false, webhookPollIntervalMs: 1000, webhookFirstRetryMs: 10_000, webhookMaxRetryDelayMs: 3_600_000 });
    const production = { ...base, NODE_ENV: 'production', ADMIN_API_KEY: 'a'.repeat(20), EMBED_SIGNING_KEY: 'k'.repeat(32) };
    expect(loadConfig({ ...production, WEBHOOK_ALLOW_PRIVATE: '1' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ ...production, WEBHOOK_POLL_INTERVAL_MS: '250', WEBHOOK_FIRST_RETRY_MS: '200' })).toMatchObject({ webhookPollIntervalMs: 250, webhookFirstRetryMs: 200 });
  });

  it('reads LOG_LEVEL in any case', () => {
    expect(loadConfig({ ...base, LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(loadConfig({ ...base, LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('hides credentials of a database URL it refuses', () => {
    expect(problemOf({ DATABASE_URL: 'mysql://user:secret@host/db' })).not.toContain('secret');
  });

  it('reads SQLite and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:./data/x.sqlite')).toEqual({ kind: 'sqlite', file: './data/x.sqlite' });
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });
});
