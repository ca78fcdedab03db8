// One friendly login per kind of user, shown on the login page of a demo installation.
import type { PersonPlan } from './plan-members';
import type { TreePlan } from './plan-units';

import type { DemoLogin } from '../settings';

export const DEMO_LOGINS: DemoLogin[] = [
	{ login: 'dangvien', role: 'member', label_vi: 'Đảng viên', label_en: 'Party member' },
	{
		login: 'bithu',
		role: 'cell_secretary',
		label_vi: 'Bí thư chi bộ',
		label_en: 'Cell secretary'
	},
	{
		login: 'danguy',
		role: 'grassroots_committee_member',
		label_vi: 'Đảng ủy viên cơ sở',
		label_en: 'Grassroots committee member'
	},
	{
		login: 'bantochuc',
		role: 'organization_department',
		label_vi: 'Cán bộ Ban Tổ chức Đảng ủy Khối',
		label_en: 'Organization department staff'
	},
	{
		login: 'thuongvu',
		role: 'bloc_standing_committee',
		label_vi: 'Ủy viên Ban Thường vụ Đảng ủy Khối',
		label_en: 'Bloc standing committee member'
	},
	{
		login: 'quantri',
		role: 'system_admin',
		label_vi: 'Quản trị viên hệ thống',
		label_en: 'System administrator'
	}
];

export const ADMIN_LOGIN = 'quantri';
export const ADMIN_DISPLAY_NAME = 'Quản trị hệ thống';

/**
 * Gives the demo logins to members of the first đảng bộ cơ sở and of the bloc staff. Runs before
 * planHistory, which leaves people with a login as plain, active members.
 */
export function assignDemoLogins(people: PersonPlan[], tree: TreePlan): void {
	const has = (p: PersonPlan, role: string, unitCode?: string) =>
		p.roles.some((r) => r.role === role && (unitCode === undefined || r.unitCode === unitCode));
	const inDemoCell = people.filter((p) => p.cell.code === tree.demoCellCode);
	const picks: [string, PersonPlan | undefined][] = [
		['dangvien', inDemoCell.find((p) => p.roles.length === 0)],
		['bithu', inDemoCell.find((p) => has(p, 'cell_secretary'))],
		[
			'danguy',
			people.find(
				(p) =>
					p.party_position === 'Đảng ủy viên' &&
					has(p, 'grassroots_committee_member', tree.demoCommitteeCode)
			)
		],
		['bantochuc', people.find((p) => has(p, 'organization_department'))],
		['thuongvu', people.find((p) => has(p, 'bloc_standing_committee'))]
	];
	for (const [login, person] of picks) {
		if (!person) throw new Error(`the demo plan has nobody for the login ${login}`);
		person.login = login;
	}
}
