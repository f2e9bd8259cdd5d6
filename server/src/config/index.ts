/** The configuration, read once from the environment and validated (config.ts). */
export * from './config';
