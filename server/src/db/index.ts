/**
 * The data layer: opening SQLite or PostgreSQL (database.ts, which runs the migrations through
 * TypeORM's DataSource), bulk VALUES lists, SQL lists of ids, and inlining parameters for
 * EXPLAIN. Imports errors/ and config/ only.
 */
export { isUniqueViolation, openDatabase, TENANT_ROLE, TENANT_SETTING, toPostgresPlaceholders, type Database, type DatabaseOptions, type Dialect, type Row, type SqlExecutor } from './database';
export { bulkRows, type BulkColumn, type BulkColumnType, type BulkRows } from './bulk-rows';
export { inlineParameters } from './inline-parameters';
export { ID_CHUNK, placeholdersFor, readInChunks } from './sql-lists';
