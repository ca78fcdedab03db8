// A review year's settings that are lists of choices (mirroring the CHECK constraints of
// migrations/0007): which rating rules it follows and how often members report.
export const RULE_SETS = ['qd366-2025', 'qd124-2023'] as const;
export type RuleSet = (typeof RULE_SETS)[number];

export const REPORTING_PERIODS = ['monthly', 'quarterly'] as const;
export type ReportingPeriod = (typeof REPORTING_PERIODS)[number];
