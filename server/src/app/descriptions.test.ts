import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { printedSchema } from './emit-schema';

/** Every type, field, argument, input field and enum value of the schema, with its description (or none). */
function schemaMembers(schema: GraphQLSchema): Array<{ member: string; description: string | null | undefined }> {
  const members: Array<{ member: string; description: string | null | undefined }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    members.push({ member: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        members.push({ member: `${type.name}.${field.name}`, description: field.description });
        for (const arg of field.args) members.push({ member: `${type.name}.${field.name}(${arg.name})`, description: arg.description });
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) members.push({ member: `${type.name}.${field.name}`, description: field.description });
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) members.push({ member: `${type.name}.${value.name}`, description: value.description });
    }
  }
  return members;
}

describe('the schema documentation', () => {
  const schema = buildSchema(printedSchema());

  it('has a description on every type, field, argument, input field and enum value', () => {
    const undocumented = schemaMembers(schema)
      .filter(({ description }) => !description?.trim())
      .map(({ member }) => member);
    expect(undocumented).toEqual([]);
  });

  it('enumerates the members it checks, down to arguments and enum values', () => {
    const members = schemaMembers(schema).map(({ member }) => member);
    expect(members).toEqual(
      expect.arrayContaining(['Query', 'Query.workspaceUsage(asOf)', 'UsageEntryInput.idempotencyKey', 'CreditKind.LEAD_FINDING', 'SafeInt']),
    );
  });

  it('finds a member without a description', () => {
    const bare = buildSchema('type Query { """Documented."""\n answer(unit: String): Int }');
    const undocumented = schemaMembers(bare).filter(({ description }) => !description).map(({ member }) => member);
    expect(undocumented).toEqual(['Query', 'Query.answer(unit)']);
  });
});
