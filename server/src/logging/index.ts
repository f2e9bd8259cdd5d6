export { assignRequestId, createLogger, LOG_LEVELS, requestIdOf, silentLogger, type Logger, type LoggerOptions, type LogLevel } from './logger';
