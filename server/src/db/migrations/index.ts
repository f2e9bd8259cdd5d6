import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { UsageRollups1764100000000 } from './1764100000000-usage-rollups';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1764000000000, UsageRollups1764100000000];
