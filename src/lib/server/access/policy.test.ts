import { describe, expect, it } from 'vitest';
import type { UnitKind, UnitRole } from '$lib/domain/roles';
import type { Actor } from './actor';
import {
	commitmentReviewRight,
	mayDecideRatingsAt,
	mayProposeRatingsAt,
	mayReviewInCell,
	type CommitmentReviewFacts
} from './policy';

// bloc /1/ ─ grassroots committee /1/2/ ─ cell /1/2/3/;  bloc ─ grassroots cell /1/4/
const UNITS: Record<string, [string, UnitKind]> = {
	bloc: ['/1/', 'bloc'],
	grassroots: ['/1/2/', 'grassroots_committee'],
	cell: ['/1/2/3/', 'cell'],
	grassrootsCell: ['/1/4/', 'grassroots_cell']
};

function actor(memberId: number, ...roles: [UnitRole, keyof typeof UNITS][]): Actor {
	return {
		accountId: memberId,
		memberId,
		displayName: '',
		isSystemAdmin: false,
		grants: roles.map(([role, unit], i) => ({
			role,
			unitId: i + 1,
			unitPath: UNITS[unit][0],
			unitKind: UNITS[unit][1],
			unitName: unit
		}))
	};
}

const facts = (
	memberId: number,
	unit: 'cell' | 'grassrootsCell',
	memberReviews: boolean,
	otherReviewer: boolean
): CommitmentReviewFacts => ({
	memberId,
	cellPath: UNITS[unit][0],
	cellKind: UNITS[unit][1],
	memberReviews,
	otherReviewer
});

describe('who reviews a commitment', () => {
	const secretary = actor(1, ['cell_secretary', 'cell']);
	const deputy = actor(2, ['cell_deputy_secretary', 'cell']);
	const committee = actor(3, ['grassroots_committee_member', 'grassroots']);
	const standing = actor(4, ['bloc_standing_committee', 'bloc']);
	const orgdept = actor(5, ['organization_department', 'bloc']);

	it('a member’s: the cell’s secretary or deputy, nobody above', () => {
		const member = facts(9, 'cell', false, true);
		expect(
			[secretary, deputy, committee, standing, orgdept].map((a) => commitmentReviewRight(a, member))
		).toEqual(['may', 'may', 'none', 'none', 'none']);
	});

	it('the secretary’s own: the deputy where there is one, else the grassroots committee', () => {
		const withDeputy = facts(1, 'cell', true, true);
		expect([secretary, deputy, committee].map((a) => commitmentReviewRight(a, withDeputy))).toEqual(
			['own', 'may', 'none']
		);
		const alone = facts(1, 'cell', true, false);
		expect(
			[secretary, committee, standing, orgdept].map((a) => commitmentReviewRight(a, alone))
		).toEqual(['own', 'may', 'none', 'none']);
		// A secretary who also sits on the committee still does not confirm their own.
		const both = actor(
			1,
			['cell_secretary', 'cell'],
			['grassroots_committee_member', 'grassroots']
		);
		expect(commitmentReviewRight(both, alone)).toBe('own');
	});

	it('a grassroots cell’s lone secretary: the bloc’s standing committee', () => {
		const alone = facts(7, 'grassrootsCell', true, false);
		expect([standing, committee, orgdept].map((a) => commitmentReviewRight(a, alone))).toEqual([
			'may',
			'none',
			'none'
		]);
		expect(
			mayReviewInCell(standing, { path: '/1/4/', kind: 'grassroots_cell', loneReviewer: true })
		).toBe(true);
		expect(mayReviewInCell(standing, { path: '/1/2/3/', kind: 'cell', loneReviewer: true })).toBe(
			false
		);
		expect(mayReviewInCell(committee, { path: '/1/2/3/', kind: 'cell', loneReviewer: true })).toBe(
			true
		);
		// A cell with a deputy keeps its secretary's commitment to itself.
		expect(mayReviewInCell(committee, { path: '/1/2/3/', kind: 'cell', loneReviewer: false })).toBe(
			false
		);
		expect(mayReviewInCell(orgdept, { path: '/1/2/3/', kind: 'cell', loneReviewer: true })).toBe(
			false
		);
	});
});

describe('member ratings', () => {
	const unit = (k: keyof typeof UNITS) => ({ path: UNITS[k][0], kind: UNITS[k][1] });

	it.each([
		[
			'the grassroots committee decides its organization',
			actor(1, ['grassroots_committee_member', 'grassroots']),
			'grassroots',
			true
		],
		[
			'not from one of its cells’ pages',
			actor(1, ['grassroots_committee_member', 'grassroots']),
			'cell',
			false
		],
		['a cell secretary does not decide', actor(1, ['cell_secretary', 'cell']), 'grassroots', false],
		[
			'a chi bộ cơ sở decides its own members',
			actor(1, ['cell_secretary', 'grassrootsCell']),
			'grassrootsCell',
			true
		],
		[
			'the bloc’s standing committee does not decide',
			actor(1, ['bloc_standing_committee', 'bloc']),
			'grassroots',
			false
		],
		[
			'nor does the organization department',
			actor(1, ['organization_department', 'bloc']),
			'grassroots',
			false
		]
	] as [string, Actor, keyof typeof UNITS, boolean][])('%s', (_, a, u, expected) => {
		expect(mayDecideRatingsAt(a, unit(u))).toBe(expected);
	});

	it('the cell’s secretary and deputy record its proposal; the committee above does not', () => {
		expect(mayProposeRatingsAt(actor(1, ['cell_deputy_secretary', 'cell']), unit('cell'))).toBe(
			true
		);
		expect(
			mayProposeRatingsAt(actor(1, ['grassroots_committee_member', 'grassroots']), unit('cell'))
		).toBe(false);
		expect(mayProposeRatingsAt(actor(1, ['cell_committee_member', 'cell']), unit('cell'))).toBe(
			false
		);
	});
});
