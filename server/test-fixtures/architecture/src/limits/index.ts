import { app } from '../app';
export const limits = app;
