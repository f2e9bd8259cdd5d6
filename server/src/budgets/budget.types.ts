import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Campaign, Workspace } from '../catalog';
import { DateTimeScalar, SafeIntScalar } from '../graphql';
import { UsageWindow } from '../usage';

@InputType({ description: 'A budget per billing period on the account, one workspace or one campaign. One budget per scope: setting one on a scope that has one replaces it, keeping its id and the threshold events already stored.' })
export class BudgetInput {
  @Field(() => ID, { description: 'The account (an API key: its own).' })
  accountId!: string;

  @Field(() => ID, { nullable: true, description: 'A workspace of the account; with campaignId, the campaign\'s workspace. Left out with campaignId, the account-wide budget.' })
  workspaceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A campaign of the account (of workspaceId when given): the budget is on that campaign.' })
  campaignId?: string | null;

  @Field(() => SafeIntScalar, { description: 'Whole credits per billing period; greater than 0.' })
  creditsPerPeriod!: number;

  @Field(() => [Int], { nullable: true, defaultValue: [50, 80, 100], description: 'Whole percents of creditsPerPeriod, 1 to 1,000, no repeats: a threshold event is stored when the scope first reaches each in a period.' })
  thresholds?: number[] | null;
}

@ObjectType({ description: 'A budget per billing period on the account, one workspace or one campaign.' })
export class Budget {
  @Field(() => ID, { description: 'Kept when the budget is replaced by setBudget on its scope.' })
  id!: string;

  @Field(() => Workspace, { nullable: true, description: 'The workspace (of the campaign, for a campaign budget); null on the account-wide budget.' })
  workspace!: Workspace | null;

  @Field(() => Campaign, { nullable: true, description: 'The campaign; null on an account or workspace budget.' })
  campaign!: Campaign | null;

  @Field(() => SafeIntScalar, { description: 'Whole credits per billing period.' })
  creditsPerPeriod!: number;

  @Field(() => [Int], { description: 'Whole percents of creditsPerPeriod, ascending.' })
  thresholds!: number[];
}

@ObjectType({ description: "A row's budget in the billing period that contains the window's start, counted at the page's asOf." })
export class BudgetStatus {
  @Field(() => Budget, { description: 'The budget of this row.' })
  budget!: Budget;

  @Field(() => UsageWindow, { description: "The billing period counted: the one that contains the window's from." })
  period!: UsageWindow;

  @Field(() => Float, { nullable: true, description: "The period's credits of the scope ÷ creditsPerPeriod (1.05 = 105 %); null when the window spans more than one billing period." })
  used!: number | null;

  @Field(() => [Int], { description: 'The thresholds whose event is stored for the period, ascending; they stay listed after refunds take the scope back below.' })
  crossed!: number[];

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'Current period only (else null): credits so far + the credits of [max(period.from, asOf − 168 h), asOf) per 24-hour day × the days from asOf to period.to, rounded down.',
  })
  projectedCredits!: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When that pace reaches creditsPerPeriod; null when the pace is <= 0, when used is already >= 1, when it falls at or after period.to, or outside the current period.',
  })
  projectedRunOutAt!: Date | null;
}
