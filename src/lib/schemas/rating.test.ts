import { describe, expect, it } from 'vitest';
import { parseFields } from './fields';
import { cellProposalSchema, decisionSchema, rerateSchema } from './rating';

const proposal = {
	member_id: '12',
	seen: '0',
	level: 'good',
	comment: 'Hoàn thành tốt nhiệm vụ được giao.',
	votes_agree: '5',
	votes_present: '6',
	votes_total: '7'
};

describe('the cell’s proposal', () => {
	it('reads the vote as numbers', () => {
		const r = parseFields(cellProposalSchema, proposal);
		expect(r).toMatchObject({
			ok: true,
			value: { votes_agree: 5, votes_present: 6, votes_total: 7 }
		});
	});

	it.each([
		[{ votes_agree: '7' }, 'votes_agree'],
		[{ votes_present: '8' }, 'votes_present'],
		[{ votes_total: '0', votes_present: '0', votes_agree: '0' }, 'votes_total'],
		[{ votes_agree: '' }, 'votes_agree'],
		[{ votes_agree: '-1' }, 'votes_agree'],
		[{ votes_agree: '2.5' }, 'votes_agree'],
		[{ level: 'best' }, 'level'],
		[{ comment: 'Nhận xét\u0000' }, 'comment'],
		[{ comment: '   ' }, 'comment']
	])('refuses %j at %s', (change, field) => {
		const r = parseFields(cellProposalSchema, { ...proposal, ...change });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors)).toContain(field);
	});
});

describe('the decision', () => {
	it('takes an empty reason as none', () => {
		const r = parseFields(decisionSchema, {
			member_id: '3',
			seen: '2',
			level: 'excellent',
			reason: ''
		});
		expect(r).toMatchObject({ ok: true, value: { seen: 2, reason: null } });
	});
	it('refuses a level that is not one', () => {
		const r = parseFields(decisionSchema, { member_id: '3', seen: '0', level: '', reason: '' });
		expect(r.ok).toBe(false);
	});
});

describe('the bloc’s re-rating', () => {
	it('takes a level or a cancellation, always with a reason', () => {
		const base = { member_id: '3', seen: '2', reason: 'Kết luận kiểm tra.' };
		expect(parseFields(rerateSchema, { ...base, level: 'cancel' }).ok).toBe(true);
		expect(parseFields(rerateSchema, { ...base, level: 'fulfilled' }).ok).toBe(true);
		const r = parseFields(rerateSchema, { ...base, level: 'good', reason: ' ' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors)).toEqual(['reason']);
	});
});
