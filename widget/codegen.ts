import type { CodegenConfig } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import client from '../packages/client/codegen';

/**
 * The widget's operation types, made by the very setup of `packages/client/codegen.ts` (its
 * plugins and options, read from it so the two cannot drift apart), from the checked-in schema.
 * Its `documentMode: 'string'` suits the widget too: each document ships as its text and is
 * parsed once by Apollo's `gql`, which the host already has as a peer, where a parsed document
 * would ship its whole AST as JSON inside the widget's bundle. Run: `npx graphql-codegen --config codegen.ts`.
 */
const [clientOutput] = Object.values(client.generates) as Types.ConfiguredOutput[];

const config: CodegenConfig = {
  schema: '../schema.graphql',
  // The row selections are the client's fragments, so a widget row and a client row are one shape.
  documents: ['src/data/operations/*.graphql', '../packages/client/src/operations/fragments.graphql'],
  generates: {
    'src/data/generated/graphql.ts': { plugins: clientOutput!.plugins, config: clientOutput!.config },
  },
};

export default config;
