/** How many billing periods one Account.billingPeriods may list (ten years of months); query-limits.ts sizes the field by it. */
export const MAX_BILLING_PERIODS = 120;
