// A review year's phases and whether an action is possible today. Windows are inclusive calendar
// dates in Vietnam: a window that closes on 31/01 accepts a signature at 23:59 Hà Nội time.
import type { YearStatus } from './status';
export { todayInVietnam } from '../dates';

export const PHASES = ['commitment', 'registration', 'self_review', 'cell_review'] as const;
export type Phase = (typeof PHASES)[number];

/** The columns of review_years this needs. */
export interface YearWindows {
	status: YearStatus;
	commitment_opens_on: string;
	commitment_closes_on: string;
	registration_opens_on: string;
	registration_closes_on: string;
	self_review_opens_on: string;
	self_review_closes_on: string;
	cell_review_opens_on: string;
	cell_review_closes_on: string;
}

export type PhaseStatus =
	| { state: 'open'; closesOn: string }
	| { state: 'not_yet'; opensOn: string }
	| { state: 'ended'; closedOn: string }
	| { state: 'year_closed' }
	| { state: 'year_draft' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function phaseWindow(
	year: YearWindows,
	phase: Phase
): { opensOn: string; closesOn: string } {
	switch (phase) {
		case 'commitment':
			return { opensOn: year.commitment_opens_on, closesOn: year.commitment_closes_on };
		case 'registration':
			return { opensOn: year.registration_opens_on, closesOn: year.registration_closes_on };
		case 'self_review':
			return { opensOn: year.self_review_opens_on, closesOn: year.self_review_closes_on };
		case 'cell_review':
			return { opensOn: year.cell_review_opens_on, closesOn: year.cell_review_closes_on };
	}
}

/** `today` is todayInVietnam(); 'YYYY-MM-DD' strings compare correctly as text. */
export function phaseStatus(year: YearWindows, phase: Phase, today: string): PhaseStatus {
	if (year.status === 'closed') return { state: 'year_closed' };
	if (year.status !== 'open') return { state: 'year_draft' };
	const { opensOn, closesOn } = phaseWindow(year, phase);
	for (const d of [today, opensOn, closesOn]) {
		// A Date object or a timestamp here would compare wrongly and silently: fail loudly.
		if (typeof d !== 'string' || !ISO_DATE.test(d)) throw new TypeError(`not a YYYY-MM-DD date`);
	}
	if (today < opensOn) return { state: 'not_yet', opensOn };
	if (today > closesOn) return { state: 'ended', closedOn: closesOn };
	return { state: 'open', closesOn };
}

export function isPhaseOpen(year: YearWindows, phase: Phase, today: string): boolean {
	return phaseStatus(year, phase, today).state === 'open';
}
