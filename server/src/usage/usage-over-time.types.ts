import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar, SafeIntScalar } from '../graphql';
import { UsageWindow } from './usage.types';

@ObjectType({ description: "One bucket of a usage series, in the account's time zone: [from, to) and its credits.", simpleResolvers: true })
export class UsageBucket {
  @Field(() => DateTimeScalar, { description: 'Start instant, included: a local boundary of the granularity, or the window start for the first bucket.' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End instant, excluded: the next local boundary, or the window end for the last bucket.' })
  to!: Date;

  @Field(() => SafeIntScalar, { description: "Whole credits in the bucket (net of refunds). A row's buckets sum to exactly its credits." })
  credits!: number;
}

@ObjectType({ description: 'The window a page is compared with, and its total at the same asOf.' })
export class UsageComparison {
  @Field(() => UsageWindow, {
    description:
      'The billing period before the window when the window is a billing period, else the same length just before it; while the window runs (asOf < to) cut to its elapsed part from its own start, and empty ([from, from)) when asOf <= window.from.',
  })
  window!: UsageWindow;

  @Field(() => SafeIntScalar, { description: "Whole credits of the account (or of the token's visible workspaces) in the comparison window, at the same asOf." })
  totalCredits!: number;
}
