import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { diffRegistrations } from '$lib/domain/registration/diff';
import { can as stateAllows } from '$lib/domain/registration/states';
import type { Problem } from '$lib/domain/result';
import { phaseStatus } from '$lib/domain/years/phases';
import { todayInVietnam } from '$lib/domain/dates';
import { formatDate } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { parseOneAction, registrationReviewSchema } from '$lib/schemas/registration';
import { can } from '$lib/server/access/actor';
import { auditCtx, idParam, requireActor, requireMember, type Ctx } from '$lib/server/access/guard';
import { registrationReviewRight } from '$lib/server/access/policy';
import { loadReviewFacts } from '$lib/server/access/review-facts';
import { refuseAction, refuseForm } from '$lib/server/http/refuse';
import { getMemberName, recordMemberRead } from '$lib/server/members/read';
import { loadRegistration } from '$lib/server/registrations/chain';
import {
	assignTask,
	listTasks,
	mayAssignTasks,
	withdrawTask
} from '$lib/server/registrations/tasks';
import {
	reviewRegistration,
	type RegistrationReviewProblem
} from '$lib/server/registrations/review';
import { listYearsForPath } from '$lib/server/years/read';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	if (!member.unitPath) error(404);
	return { ctx, member, unitPath: member.unitPath };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, member, unitPath } = await guarded(event);
	const years = await listYearsForPath(ctx.db, unitPath);
	const wanted = Number(event.url.searchParams.get('year'));
	const year = years.find((y) => y.year === wanted) ?? years[0];
	const [name, facts] = await Promise.all([
		getMemberName(ctx.db, member),
		loadReviewFacts(ctx.db, member),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	const base = {
		member: { id: member.id, name },
		// The way back for the cell and the committees: the follow-up page of the member's cell.
		cell: can(ctx.actor, 'member.read', unitPath)
			? { id: Number(unitPath.split('/').filter(Boolean).at(-1)) }
			: null,
		years: years.map((y) => y.year)
	};
	const form = (registrationId: number) =>
		superValidate(
			{ registration_id: registrationId, decision: 'approved' as const, comment: '' },
			zod4(registrationReviewSchema),
			{ errors: false }
		);
	if (!year) return { ...base, year: null, form: await form(0) };
	const [chain, tasks, mayAssign] = await Promise.all([
		loadRegistration(ctx.db, member, year.id),
		listTasks(ctx.db, member, year.id),
		mayAssignTasks(ctx, member)
	]);
	const latest = chain.latest;
	const canReview =
		facts !== undefined &&
		registrationReviewRight(ctx.actor, facts) === 'may' &&
		year.status === 'open' &&
		stateAllows(chain.state, 'secretary', 'approve');
	const phase = phaseStatus(year, 'registration', todayInVietnam());
	return {
		...base,
		year: { year: year.year, phase },
		state: chain.state,
		latest: latest && {
			version: latest.version,
			content: latest.content,
			on_behalf: latest.on_behalf
		},
		versions: chain.versions.map((v) => ({
			version: v.version,
			submitted_at: v.submitted_at,
			on_behalf: v.on_behalf,
			acknowledged_at: v.acknowledged_at,
			decision: v.decision,
			comment: v.comment,
			reviewer_name: v.reviewer_name,
			reviewed_at: v.reviewed_at
		})),
		diff:
			latest && chain.inForce && latest.id !== chain.inForce.id
				? diffRegistrations(chain.inForce.content, latest.content)
				: null,
		inForce: chain.inForce?.version ?? null,
		canReview,
		tasks: tasks.map((t) => ({ id: t.id, source: t.assigned_by ?? '', action: t.task })),
		canAssign: mayAssign && year.status === 'open',
		// The cell enters a registration for a member who cannot (never their own): while it can
		// be written, in the window.
		canEnter:
			facts !== undefined &&
			registrationReviewRight(ctx.actor, facts) === 'may' &&
			phase.state === 'open' &&
			stateAllows(chain.state, 'member', 'save_draft'),
		// After the window the member could not submit again: a return would strand them.
		returnClosedOn: canReview && phase.state === 'ended' ? phase.closedOn : null,
		form: await form(latest?.id ?? 0)
	};
};

function refusalText(problem: Problem<RegistrationReviewProblem>): string {
	switch (problem.code) {
		case 'year_closed':
			return m.registration_review_year_closed();
		case 'window_closed':
			return m.registration_review_window_closed({
				date: formatDate(String(problem.detail?.closedOn))
			});
		case 'own':
			return m.registration_review_own();
		default:
			return m.registration_review_not_reviewable();
	}
}

/** The member's year for a task: the one the page shows (`?year=`), else their newest. */
async function taskYear(ctx: Ctx, event: RequestEvent, unitPath: string) {
	const years = await listYearsForPath(ctx.db, unitPath);
	const wanted = Number(event.url.searchParams.get('year'));
	return years.find((y) => y.year === wanted) ?? years[0];
}

export const actions: Actions = {
	assign: async (event) => {
		const { ctx, member, unitPath } = await guarded(event);
		const year = await taskYear(ctx, event, unitPath);
		if (!year) error(404);
		const parsed = parseOneAction(await event.request.formData(), year.year);
		if (!parsed.ok) return fail(400, { task: { values: parsed.values, errors: parsed.errors } });
		const result = await assignTask(ctx, member, year, parsed.action);
		if (!result.ok) return refuseAction(result.problem, m.registration_template_year_closed());
		return { assigned: true };
	},
	withdrawTask: async (event) => {
		const { ctx, member } = await guarded(event);
		const id = Number((await event.request.formData()).get('task_id'));
		const result = await withdrawTask(ctx, member, Number.isSafeInteger(id) ? id : 0);
		if (!result.ok) return refuseAction(result.problem, m.registration_err_state());
		return { taskWithdrawn: true };
	},
	review: async (event) => {
		const { ctx, member } = await guarded(event);
		const form = await superValidate(event.request, zod4(registrationReviewSchema));
		if (!form.valid) return fail(400, { form });
		const result = await reviewRegistration(
			ctx,
			member,
			form.data.registration_id,
			form.data.decision,
			form.data.comment
		);
		if (!result.ok)
			return refuseForm(
				form,
				{ ...result.problem, field: 'decision' },
				refusalText(result.problem)
			);
		return message(form, {
			type: 'success',
			text:
				form.data.decision === 'approved'
					? m.registration_reviewed_approved()
					: m.registration_reviewed_returned()
		});
	}
};
