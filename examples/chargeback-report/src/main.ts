import { CreditlensClient } from '@creditlens/client';
import { chargebackReport } from './chargeback-report';

// npm start -w examples/chargeback-report -- ACCOUNT_ID  (with CREDITLENS_ENDPOINT and CREDITLENS_TOKEN set)
const accountId = process.argv[2];
const { CREDITLENS_ENDPOINT: endpoint, CREDITLENS_TOKEN: token } = process.env;
if (!accountId || !endpoint || !token) {
  console.error('usage: CREDITLENS_ENDPOINT=… CREDITLENS_TOKEN=… npm start -w examples/chargeback-report -- ACCOUNT_ID');
  process.exit(2);
}

chargebackReport(new CreditlensClient({ endpoint, token }), accountId).then(
  (report) => process.stdout.write(report),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
