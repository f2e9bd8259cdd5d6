import { catalog } from '../catalog';
export const scalars = catalog;
