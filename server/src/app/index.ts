/**
 * The composition root: the only module that knows every other one — it makes the services,
 * joins the domains' context slices, lists the resolvers, and builds the Express + Apollo
 * pipeline. Nothing imports it but main.ts, tests and the bench, soak and testing harnesses.
 */
export { createApp, MAX_BODY_BYTES, type AppConfig, type AppOptions, type CreditlensApp } from './http-app';
export { createServices, type Services } from './services';
export { createContext, type Context } from './context';
export { creditlensSchema } from './schema';
export { printedSchema, SCHEMA_FILE } from './emit-schema';
export { createDrain, type DrainOptions } from './drain';
export { listen, ListenError } from './listen';
export { rollupStatementObserver } from './observability';
