// What the e2e tests know about the deterministic demo bloc (src/lib/server/demo), by name only:
// database ids are discovered at run time by following links as the organization department.
import { expect } from '@playwright/test';
import { apiAs, getHtml, linkId, memberRows, recordLinks, type MemberRow } from './helpers';

export const UNITS = {
	bloc: 'Đảng bộ Khối các cơ quan tỉnh Lâm Đồng',
	/** danguy's đảng bộ cơ sở. */
	stc: 'Đảng bộ Sở Tài chính',
	/** dangvien's and bithu's cell, under Sở Tài chính. */
	ownCell: 'Chi bộ Phòng Ngân sách',
	stcCell: 'Chi bộ Văn phòng Sở',
	otherCommittee: 'Đảng bộ Văn phòng Ủy ban nhân dân tỉnh',
	otherCell: 'Chi bộ Phòng Tổng hợp',
	otherCell2: 'Chi bộ Phòng Nội chính'
} as const;

/**
 * Cells of Đảng bộ Sở Tài chính that one journey each may change. Tests share one server, so a
 * journey that changes data works on members nobody else uses.
 */
export const RESERVED_CELLS = {
	transferFrom: 'Chi bộ Thanh tra Sở',
	transferTo: 'Chi bộ Phòng Tin học và Thống kê',
	changePassword: 'Chi bộ Phòng Tài chính đầu tư',
	throttle: 'Chi bộ Phòng Tài chính doanh nghiệp',
	forcedChange: 'Chi bộ Phòng Quản lý giá và Công sản',
	badInput: 'Chi bộ Phòng Tài chính hành chính sự nghiệp'
} as const;

export interface Targets {
	units: {
		bloc: number;
		stc: number;
		ownCell: number;
		stcCell: number;
		otherCommittee: number;
		otherCell: number;
		otherCell2: number;
	};
	members: {
		/** dangvien's own record (in the own cell). */
		self: MemberRow;
		/** Another plain member of the own cell. */
		ownCellMember: MemberRow;
		/** A member of another cell of Sở Tài chính. */
		stcMember: MemberRow;
		/** A member of a cell of another đảng bộ cơ sở. */
		otherMember: MemberRow;
	};
}

let cached: Promise<Targets> | undefined;

/** Unit and member ids the access matrix needs, found through the app's own pages. */
export function discoverTargets(baseURL: string): Promise<Targets> {
	cached ??= discover(baseURL);
	return cached;
}

async function discover(baseURL: string): Promise<Targets> {
	const btc = await apiAs(baseURL, 'bantochuc');
	const roots = recordLinks(await getHtml(btc, '/units'), 'units');
	expect(roots.map((r) => r.text)).toEqual([UNITS.bloc]);
	const bloc = roots[0].id;
	const blocHtml = await getHtml(btc, `/units/${bloc}`);
	const stc = linkId(blocHtml, 'units', UNITS.stc);
	const otherCommittee = linkId(blocHtml, 'units', UNITS.otherCommittee);
	const stcHtml = await getHtml(btc, `/units/${stc}`);
	const otherHtml = await getHtml(btc, `/units/${otherCommittee}`);
	const units = {
		bloc,
		stc,
		ownCell: linkId(stcHtml, 'units', UNITS.ownCell),
		stcCell: linkId(stcHtml, 'units', UNITS.stcCell),
		otherCommittee,
		otherCell: linkId(otherHtml, 'units', UNITS.otherCell),
		otherCell2: linkId(otherHtml, 'units', UNITS.otherCell2)
	};

	const selfCard = await ownCardNumber(baseURL);
	const ownCell = await membersOf(baseURL, units.ownCell);
	const self = ownCell.find((r) => r.card === selfCard);
	if (!self) throw new Error(`dangvien (card ${selfCard}) is not listed in ${UNITS.ownCell}`);
	const officers = await officerNames(baseURL, units.ownCell);
	const ownCellMember = ownCell.find((r) => r !== self && !officers.includes(r.name));
	if (!ownCellMember) throw new Error(`${UNITS.ownCell} has no plain member besides dangvien`);
	return {
		units,
		members: {
			self,
			ownCellMember,
			stcMember: (await membersOf(baseURL, units.stcCell))[0],
			otherMember: (await membersOf(baseURL, units.otherCell))[0]
		}
	};
}

/** The current members of a cell, as the organization department's member list shows them. */
export async function membersOf(
	baseURL: string,
	unitId: number,
	as: 'bantochuc' | 'danguy' = 'bantochuc'
): Promise<MemberRow[]> {
	const rows = memberRows(await getHtml(await apiAs(baseURL, as), `/members?unit=${unitId}`));
	expect(rows.length, `members of unit ${unitId}`).toBeGreaterThan(0);
	return rows;
}

/** Card number on dangvien's own profile page. */
async function ownCardNumber(baseURL: string): Promise<string> {
	const html = await getHtml(await apiAs(baseURL, 'dangvien'), '/me');
	const m = /Số thẻ đảng viên<\/dt>\s*<dd[^>]*>([^<]+)</.exec(html);
	if (!m) throw new Error('no card number on /me for dangvien');
	return m[1].trim();
}

async function officerNames(baseURL: string, unitId: number): Promise<string[]> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), `/units/${unitId}`);
	return recordLinks(html, 'members').map((l) => l.text);
}

/** A cell of Đảng bộ Sở Tài chính by name, found as danguy sees the tree. */
export async function stcCellId(baseURL: string, name: string): Promise<number> {
	const du = await apiAs(baseURL, 'danguy');
	const [root] = recordLinks(await getHtml(du, '/units'), 'units');
	return linkId(await getHtml(du, `/units/${root.id}`), 'units', name);
}
