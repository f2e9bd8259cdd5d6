/**
 * @creditlens/widget: the drop-in React widget for a host's Billing → Usage page.
 * react, react-dom and @apollo/client are peer dependencies.
 */
export { CreditUsageBreakdown, type CreditUsageBreakdownProps } from './credit-usage-breakdown';
export type { UsageWindow } from './data/usage-window';
export type { TokenSource } from './client/token-keeper';
export type { CreditlensWidgetError, ErrorCode, WidgetErrorCode, TokenRenewalError } from './data/widget-error';
export type { Labels } from './ui/labels';
export type { RowActionTarget, RenderRowActions } from './ui/tree-context';
export { WIDGET_CSS } from './ui/styles';
