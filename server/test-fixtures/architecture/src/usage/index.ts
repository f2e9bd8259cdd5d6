import { access } from '../access';
export const recorded = access;
