/** The demo: its data (DEMO=1 seeds it), and the host page at GET / that mints embed tokens for it. */
export { DEMO_ACCOUNT, DEMO_BUDGETS, DEMO_CAMPAIGNS, DEMO_WORKSPACES, DOUBLED_CAMPAIGN, NEW_CAMPAIGN, STOPPED_CAMPAIGN, demoUsage } from './demo-data';
export { demoPage } from './page/demo-page.route';
export { seedDemoData, type DemoServices } from './seed';
