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

/** Điều lệ Đảng, Điều 1: a citizen is admitted from 18 full years of age. */
export const ADMISSION_AGE = 18;
/** Earlier birth dates are typing mistakes: a member born in 1900 would be over 125 today. */
export const EARLIEST_BIRTH = '1901-01-01';
/** The Party was founded on 3 February 1930: nobody joined it before. */
export const PARTY_FOUNDED = '1930-02-03';
