/**
 * The metrics leaf: the server's Prometheus metrics in a registry of their own (prom-client),
 * made by the composition root and passed to what records into them. Imports nothing of the server.
 */
export { Metrics, type PoolSample, type RefusalReason } from './metrics';
