import { service } from '../usage/usage.service';
export const catalog = service;
