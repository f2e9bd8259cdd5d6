import { graphql } from 'graphql';
import { buildSchema, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { asInstanceOf } from './instances';

@ObjectType()
class Row {
  @Field(() => Int)
  credits!: number;
}

/** The roots the field resolvers were given, in call order. */
const seen: object[] = [];
let rows: Row[] = [];

@Resolver(() => Row)
class RowResolver {
  @Query(() => [Row])
  rows(): Row[] {
    return rows;
  }

  @FieldResolver(() => Int)
  doubled(@Root() row: Row): number {
    seen.push(row);
    return row.credits * 2;
  }

  @FieldResolver(() => Int)
  tripled(@Root() row: Row): number {
    seen.push(row);
    return row.credits * 3;
  }
}

async function resolveBoth(given: Row[]): Promise<unknown> {
  rows = given;
  seen.length = 0;
  const schema = await buildSchema({ resolvers: [RowResolver], validate: false });
  const result = await graphql({ schema, source: '{ rows { credits doubled tripled } }' });
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('asInstanceOf', () => {
  it('hands every field resolver of a row the row itself', async () => {
    const row = asInstanceOf(Row, { credits: 7 });
    expect(await resolveBoth([row])).toEqual({ rows: [{ credits: 7, doubled: 14, tripled: 21 }] });
    expect(seen).toHaveLength(2);
    for (const root of seen) expect(root).toBe(row);
  });

  it('is needed: a plain object reaches each field resolver as a new copy', async () => {
    const row = { credits: 7 };
    await resolveBoth([row]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(row);
    expect(seen[1]).not.toBe(seen[0]);
  });
});
