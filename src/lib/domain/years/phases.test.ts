import { describe, expect, it } from 'vitest';
import {
	isPhaseOpen,
	PHASES,
	phaseStatus,
	phaseWindow,
	todayInVietnam,
	type Phase,
	type YearWindows
} from './phases';

const year: YearWindows = {
	status: 'open',
	commitment_opens_on: '2026-01-05',
	commitment_closes_on: '2026-01-31',
	registration_opens_on: '2026-01-10',
	registration_closes_on: '2026-02-28',
	self_review_opens_on: '2026-11-15',
	self_review_closes_on: '2026-12-10',
	cell_review_opens_on: '2026-12-01',
	cell_review_closes_on: '2026-12-20'
};

describe('phaseWindow', () => {
	it.each([
		['commitment', '2026-01-05', '2026-01-31'],
		['registration', '2026-01-10', '2026-02-28'],
		['self_review', '2026-11-15', '2026-12-10'],
		['cell_review', '2026-12-01', '2026-12-20']
	] as [Phase, string, string][])('reads the %s columns', (phase, opensOn, closesOn) => {
		expect(phaseWindow(year, phase)).toEqual({ opensOn, closesOn });
	});

	it('covers every phase', () => {
		expect(PHASES).toEqual(['commitment', 'registration', 'self_review', 'cell_review']);
	});
});

describe('phaseStatus', () => {
	it.each([
		['2025-12-31', { state: 'not_yet', opensOn: '2026-01-05' }],
		['2026-01-04', { state: 'not_yet', opensOn: '2026-01-05' }],
		['2026-01-05', { state: 'open', closesOn: '2026-01-31' }], // opens today
		['2026-01-20', { state: 'open', closesOn: '2026-01-31' }],
		['2026-01-31', { state: 'open', closesOn: '2026-01-31' }], // closes today: still open
		['2026-02-01', { state: 'ended', closedOn: '2026-01-31' }], // closed yesterday
		['2027-01-01', { state: 'ended', closedOn: '2026-01-31' }]
	])('on %s the commitment window is %j', (today, expected) => {
		expect(phaseStatus(year, 'commitment', today)).toEqual(expected);
		expect(isPhaseOpen(year, 'commitment', today)).toBe(expected.state === 'open');
	});

	it('handles a one-day window', () => {
		const y = {
			...year,
			registration_opens_on: '2026-03-01',
			registration_closes_on: '2026-03-01'
		};
		expect(phaseStatus(y, 'registration', '2026-02-28').state).toBe('not_yet');
		expect(phaseStatus(y, 'registration', '2026-03-01').state).toBe('open');
		expect(phaseStatus(y, 'registration', '2026-03-02').state).toBe('ended');
	});

	it('checks each phase against its own window', () => {
		const today = '2026-12-05';
		expect(PHASES.map((p) => phaseStatus(year, p, today).state)).toEqual([
			'ended',
			'ended',
			'open',
			'open'
		]);
	});

	it('refuses everything in a closed year, whatever the dates', () => {
		const closed = { ...year, status: 'closed' as const };
		for (const phase of PHASES) {
			expect(phaseStatus(closed, phase, '2026-01-20')).toEqual({ state: 'year_closed' });
			expect(isPhaseOpen(closed, phase, '2026-12-05')).toBe(false);
		}
	});

	it('refuses everything in a year not opened yet', () => {
		const draft = { ...year, status: 'draft' as const };
		for (const phase of PHASES) {
			expect(phaseStatus(draft, phase, '2026-01-20')).toEqual({ state: 'year_draft' });
		}
	});

	it('fails loudly on something other than YYYY-MM-DD', () => {
		expect(() => phaseStatus(year, 'commitment', '20/01/2026')).toThrow(TypeError);
		expect(() => phaseStatus(year, 'commitment', '2026-01-20T00:00:00Z')).toThrow(TypeError);
		const withDate = { ...year, commitment_opens_on: new Date('2026-01-05') as unknown as string };
		expect(() => phaseStatus(withDate, 'commitment', '2026-01-20')).toThrow(TypeError);
	});
});

describe('todayInVietnam', () => {
	it('is already the next day at 17:30 UTC (UTC+7)', () => {
		expect(todayInVietnam(new Date('2026-01-31T17:30:00Z'))).toBe('2026-02-01');
		expect(todayInVietnam(new Date('2026-01-31T16:59:59Z'))).toBe('2026-01-31');
	});

	it('so a window that closed on 31/01 is ended for a member signing at 00:30 in Hà Nội', () => {
		const today = todayInVietnam(new Date('2026-01-31T17:30:00Z'));
		expect(phaseStatus(year, 'commitment', today)).toEqual({
			state: 'ended',
			closedOn: '2026-01-31'
		});
	});

	it('defaults to now and gives YYYY-MM-DD', () => {
		expect(todayInVietnam()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});
