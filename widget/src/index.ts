/**
 * @creditlens/widget: the drop-in React widget for a host's Billing → Usage page.
 * react, react-dom and @apollo/client are peer dependencies.
 */
export { CreditUsageBreakdown, type CreditUsageBreakdownProps } from './credit-usage-breakdown';
export type { UsageWindow } from './data/usage-window';
export { WIDGET_CSS } from './ui/styles';
