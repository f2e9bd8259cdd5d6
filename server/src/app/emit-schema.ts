import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { creditlensSchema } from './schema';

/** The schema as checked in at the repository root: sorted, so diffs stay readable. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(creditlensSchema()))}\n`;
}

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema.graphql');

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
