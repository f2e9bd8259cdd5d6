import { db } from '../db';
export const errors = db;
