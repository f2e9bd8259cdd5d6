import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql';

@ObjectType({ description: 'A billing entity (tenant) of the host platform, with its own time zone for billing periods.' })
export class Account {
  @Field(() => ID, { description: "The host platform's own id of the account." })
  id!: string;

  @Field(() => String, { description: 'Display name; renames show everywhere, past windows included.' })
  name!: string;

  @Field(() => String, { description: 'IANA time zone (e.g. Europe/Berlin) in which billing periods are calendar months.' })
  timezone!: string;

  /** Not in the schema: the ledger clock read with the account, the default snapshot of its usage. */
  ledgerClock?: number;
}

@ObjectType({ description: 'A workspace of an account.' })
export class Workspace {
  @Field(() => ID, { description: "The host platform's own id of the workspace." })
  id!: string;

  @Field(() => String, { description: 'Display name (the current one, also in past windows).' })
  name!: string;

  /** Not in the schema: the account it belongs to, for its campaigns listing. */
  accountId!: string;
}

@ObjectType({ description: 'A campaign of a workspace. Archived campaigns keep their history and may still receive late usage.' })
export class Campaign {
  @Field(() => ID, { description: "The host platform's own id of the campaign." })
  id!: string;

  @Field(() => String, { description: 'Display name (the current one, also in past windows).' })
  name!: string;

  @Field(() => Boolean, { description: 'True once the host archived the campaign.' })
  archived!: boolean;
}

@InputType({ description: 'An account to create or rename (upsert by id).' })
export class AccountInput {
  @Field(() => ID, { description: "The host platform's own id." })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. Europe/Berlin; validated.' })
  timezone!: string;
}

@InputType({ description: 'A workspace to create or rename (upsert by id). A workspace never moves to another account.' })
export class WorkspaceInput {
  @Field(() => ID, { description: "The host platform's own id." })
  id!: string;

  @Field(() => ID, { description: 'The account it belongs to (must exist).' })
  accountId!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;
}

@InputType({ description: 'A campaign to create, rename or archive (upsert by id). A campaign never moves to another workspace.' })
export class CampaignInput {
  @Field(() => ID, { description: "The host platform's own id." })
  id!: string;

  @Field(() => ID, { description: 'The workspace it belongs to (must exist).' })
  workspaceId!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => Boolean, { nullable: true, description: 'Archive or unarchive; left out, the stored flag is kept (false for a new campaign).' })
  archived?: boolean | null;
}

export const AccountConnection = connectionTypes(Account, 'Account', 'accounts, by id');
export type AccountConnection = InstanceType<typeof AccountConnection>;
export const WorkspaceConnection = connectionTypes(Workspace, 'Workspace', "an account's workspaces (usage or not), by name then id");
export type WorkspaceConnection = InstanceType<typeof WorkspaceConnection>;
export const CampaignConnection = connectionTypes(Campaign, 'Campaign', "a workspace's campaigns (archived included), by name then id");
export type CampaignConnection = InstanceType<typeof CampaignConnection>;
