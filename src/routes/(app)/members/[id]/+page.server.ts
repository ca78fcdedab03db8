import { can } from '$lib/server/access/actor';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { getMemberDetail, recordMemberRead } from '$lib/server/members/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	const [detail] = await Promise.all([
		getMemberDetail(ctx.db, member),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	const manage = member.unitPath !== null && can(ctx.actor, 'member.manage', member.unitPath);
	return {
		detail: {
			...detail,
			account: detail.account ? { login: detail.account.login } : null,
			ancestors: detail.ancestors.map(({ path, ...a }) => ({
				...a,
				readable: can(ctx.actor, 'unit.read', path)
			})),
			memberships: detail.memberships.map(({ unit_path, ...ms }) => ({
				...ms,
				readable: can(ctx.actor, 'unit.read', unit_path)
			}))
		},
		canManage: manage,
		hasCurrentCell: detail.memberships.some((x) => x.ended_on === null)
	};
};
