import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The widget's operation types, made by the same GraphQL Code Generator setup as
 * `packages/client/codegen.ts`, from the checked-in schema. `documentMode: 'string'` keeps the
 * bundle small: each document ships as its text (a few hundred bytes) and is parsed once by
 * Apollo's `gql`, which the host already has as a peer; a parsed document would ship its whole
 * AST as JSON inside the widget. Run: `npx graphql-codegen --config codegen.ts` in widget/.
 */
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: 'src/data/operations/*.graphql',
  generates: {
    'src/data/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { ID: 'string', DateTime: 'string', SafeInt: 'number' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
