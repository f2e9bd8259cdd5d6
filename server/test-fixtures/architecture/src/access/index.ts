import { recorded } from '../usage';
export const access = recorded;
