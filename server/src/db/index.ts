/**
 * The data layer: opening SQLite or PostgreSQL (database.ts, which runs the migrations through
 * TypeORM's DataSource), bulk VALUES lists, SQL lists of ids, and inlining parameters for
 * EXPLAIN, and the statement budget that turns a request's remaining time into the statement
 * timeout of its queries. Imports errors/ and config/ only.
 */
export {
  DEFAULT_STATEMENT_TIMEOUT_MS,
  isUniqueViolation,
  openDatabase,
  TENANT_ROLE,
  TENANT_SETTING,
  toPostgresPlaceholders,
  type Database,
  type DatabaseOptions,
  type Dialect,
  type PoolStats,
  type Row,
  type SqlExecutor,
  type StatementObserver,
} from './database';
export { runWithStatementBudget, statementTimeoutMs, type StatementBudget } from './statement-budget';
export { bulkRows, type BulkColumn, type BulkColumnType, type BulkRows } from './bulk-rows';
export { inlineParameters } from './inline-parameters';
export { ID_CHUNK, placeholdersFor, readInChunks } from './sql-lists';
