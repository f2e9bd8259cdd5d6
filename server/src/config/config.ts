import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LOG_LEVELS, type LogLevel } from '../logging';

/** Everything the server reads from its environment, validated once at start and passed in. */
export interface Config {
  readonly port: number;
  readonly databaseUrl: string;
  readonly production: boolean;
  readonly adminApiKey: string;
  /** True when the admin key was generated for this run (development): main prints it. */
  readonly adminApiKeyGenerated: boolean;
  readonly embedSigningKey: string;
  readonly embedPreviousSigningKeys: readonly string[];
  readonly corsOrigins: readonly string[];
  readonly explorer: boolean;
  readonly demo: boolean;
  /** LOG_LEVEL: the least severe level written (pino's levels, or silent). */
  readonly logLevel: LogLevel;
  /** NODE_ENV=development: log lines pretty-printed for a terminal (pino-pretty, when installed). */
  readonly prettyLogs: boolean;
  /** Who may read GET /metrics: METRICS_TOKEN set: a Bearer token; else METRICS=1: anyone; else nobody (404). */
  readonly metrics: MetricsAccess;
  /** REDIS_URL: where replicas count the rate limit together; null: in PostgreSQL (or in the process on SQLite). */
  readonly redisUrl: string | null;
  /** DATABASE_STATEMENT_TIMEOUT_MS: PostgreSQL statement timeout of a request's statements once its own time limit no longer applies (a streamed export), and their cap. */
  readonly statementTimeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: http URLs and loopback, private and link-local addresses for webhooks (development, tests), in every mode. */
  readonly webhookAllowPrivate: boolean;
  /** WEBHOOK_POLL_INTERVAL_MS: how often an idle dispatcher looks for due deliveries. */
  readonly webhookPollIntervalMs: number;
  /** WEBHOOK_FIRST_RETRY_MS: the delay before the first retry (each next one doubles, with jitter). */
  readonly webhookFirstRetryMs: number;
  /** WEBHOOK_MAX_RETRY_DELAY_MS: the longest delay between two retries (the doubling stops there). */
  readonly webhookMaxRetryDelayMs: number;
}

export type MetricsAccess = { readonly kind: 'off' } | { readonly kind: 'open' } | { readonly kind: 'token'; readonly token: string };

const MIN_METRICS_TOKEN_LENGTH = 16;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** A configuration value that the server refuses to start with; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

const MIN_SIGNING_KEY_LENGTH = 32;
const DEFAULT_DATABASE_URL = 'sqlite:./data/creditlens.sqlite';

export function loadConfig(env: Environment): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = nonEmpty(env, 'DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  parseDatabaseUrl(databaseUrl);

  const givenAdminKey = nonEmpty(env, 'ADMIN_API_KEY');
  if (production && !givenAdminKey) throw new ConfigError('ADMIN_API_KEY', 'is required when NODE_ENV=production');
  if (givenAdminKey !== undefined && givenAdminKey.length < 16) {
    throw new ConfigError('ADMIN_API_KEY', `must be at least 16 characters, got ${givenAdminKey.length}`);
  }

  const givenSigningKey = nonEmpty(env, 'EMBED_SIGNING_KEY');
  if (production && !givenSigningKey) throw new ConfigError('EMBED_SIGNING_KEY', 'is required when NODE_ENV=production');
  const embedSigningKey = givenSigningKey ?? developmentSigningKey(databaseUrl);
  checkSigningKey('EMBED_SIGNING_KEY', embedSigningKey);
  const embedPreviousSigningKeys = list(env, 'EMBED_PREVIOUS_SIGNING_KEYS');
  embedPreviousSigningKeys.forEach((key) => checkSigningKey('EMBED_PREVIOUS_SIGNING_KEYS', key));

  const corsOrigins = list(env, 'CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://app.example.com (scheme and host, no path)`);
    }
  }

  return {
    port: port(env),
    databaseUrl,
    production,
    adminApiKey: givenAdminKey ?? `clk_admin_${randomBytes(24).toString('base64url')}`,
    adminApiKeyGenerated: givenAdminKey === undefined,
    embedSigningKey,
    embedPreviousSigningKeys,
    corsOrigins,
    explorer: flag(env, 'EXPLORER', !production),
    demo: flag(env, 'DEMO', !production),
    logLevel: logLevel(env),
    prettyLogs: env.NODE_ENV === 'development',
    metrics: metricsAccess(env),
    redisUrl: redisUrl(env),
    statementTimeoutMs: statementTimeout(env),
    webhookAllowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    webhookPollIntervalMs: wholeNumber(env, 'WEBHOOK_POLL_INTERVAL_MS', 1000, 10, 60_000),
    // At most 30 s: the contract promises the first retry within that.
    webhookFirstRetryMs: wholeNumber(env, 'WEBHOOK_FIRST_RETRY_MS', 10_000, 1, 30_000),
    webhookMaxRetryDelayMs: wholeNumber(env, 'WEBHOOK_MAX_RETRY_DELAY_MS', 3_600_000, 1_000, 86_400_000),
  };
}

function metricsAccess(env: Environment): MetricsAccess {
  const token = nonEmpty(env, 'METRICS_TOKEN');
  if (token !== undefined) {
    if (token.length < MIN_METRICS_TOKEN_LENGTH) throw new ConfigError('METRICS_TOKEN', `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters, got ${token.length}`);
    return { kind: 'token', token };
  }
  return flag(env, 'METRICS', false) ? { kind: 'open' } : { kind: 'off' };
}

function redisUrl(env: Environment): string | null {
  const url = nonEmpty(env, 'REDIS_URL');
  if (url === undefined) return null;
  if (!/^rediss?:\/\/[^\s]+$/.test(url)) throw new ConfigError('REDIS_URL', `"${redactUrl(url)}" is not a redis:// or rediss:// URL`);
  return url;
}

function statementTimeout(env: Environment): number {
  const raw = nonEmpty(env, 'DATABASE_STATEMENT_TIMEOUT_MS');
  if (raw === undefined) return DEFAULT_STATEMENT_TIMEOUT_MS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 100 || value > 3_600_000) {
    throw new ConfigError('DATABASE_STATEMENT_TIMEOUT_MS', `must be a whole number of milliseconds from 100 to 3600000, got "${raw}"`);
  }
  return value;
}

export type DatabaseLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError('DATABASE_URL', `"${url}" names no file (expected sqlite:./path/file.sqlite)`);
    return { kind: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new ConfigError('DATABASE_URL', `"${redactUrl(url)}" is neither sqlite:<file> nor postgres://…`);
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function list(env: Environment, name: string): string[] {
  return (nonEmpty(env, name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function port(env: Environment): number {
  const raw = nonEmpty(env, 'PORT');
  if (raw === undefined) return 4000;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 0 || value > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return value;
}

function wholeNumber(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function logLevel(env: Environment): LogLevel {
  const raw = nonEmpty(env, 'LOG_LEVEL');
  if (raw === undefined) return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw.toLowerCase());
  if (!level) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

function flag(env: Environment, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
}

function checkSigningKey(name: string, key: string): void {
  if (key.length < MIN_SIGNING_KEY_LENGTH) {
    throw new ConfigError(name, `keys must be at least ${MIN_SIGNING_KEY_LENGTH} characters, got one of ${key.length}`);
  }
}

/**
 * In development the signing key is generated once and kept beside the SQLite file, so embed
 * tokens survive a restart; with PostgreSQL it lives in ./data.
 */
function developmentSigningKey(databaseUrl: string): string {
  const location = parseDatabaseUrl(databaseUrl);
  const folder = location.kind === 'sqlite' ? path.dirname(location.file) : './data';
  const file = path.join(folder, 'embed-signing-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}
