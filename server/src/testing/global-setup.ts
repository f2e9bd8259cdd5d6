import { POSTGRES_ADMIN_URL, POSTGRES_AVAILABLE_ENV, postgresAnswers } from './postgres';
import { REDIS_AVAILABLE_ENV, redisAnswers } from './redis';

/**
 * Decides once per run whether the PostgreSQL half of the integration suite runs. With
 * CREDITLENS_REQUIRE_POSTGRES=1 (CI) an unreachable server fails the run instead of skipping;
 * with CREDITLENS_SKIP_POSTGRES=1 (`npm run test:fast`) it is skipped without asking. The
 * Redis cases (the shared rate limit) run when a Redis answers, and are skipped with PostgreSQL.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.CREDITLENS_SKIP_POSTGRES === '1') {
    process.env[POSTGRES_AVAILABLE_ENV] = '0';
    process.env[REDIS_AVAILABLE_ENV] = '0';
    return;
  }
  process.env[REDIS_AVAILABLE_ENV] = (await redisAnswers()) ? '1' : '0';
  const available = await postgresAnswers();
  process.env[POSTGRES_AVAILABLE_ENV] = available ? '1' : '0';
  if (available) return;
  if (process.env.CREDITLENS_REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL is required (CREDITLENS_REQUIRE_POSTGRES=1) but does not answer at ${POSTGRES_ADMIN_URL}`);
  }
  console.log(`\nNotice: no PostgreSQL answers at ${POSTGRES_ADMIN_URL}; the PostgreSQL half of the integration suite is skipped.\n`);
}
