// A member's standing in the Party (migrations/0003's CHECK): probationary for 12 months, then
// official; exempted from or suspended in party activity.
export const MEMBER_STATUSES = ['probationary', 'official', 'exempted', 'suspended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Why a membership ended (migrations/0003's CHECK). */
export const END_REASONS = [
	'transfer',
	'transfer_out',
	'unit_merged',
	'unit_dissolved',
	'deceased',
	'expelled',
	'left',
	'correction'
] as const;
export type EndReason = (typeof END_REASONS)[number];
