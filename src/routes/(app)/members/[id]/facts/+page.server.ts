import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parseFields } from '$lib/schemas/fields';
import {
	disciplineSchema,
	formValues,
	leaveSchema,
	withdrawalSchema,
	yearFactsSchema
} from '$lib/schemas/rating-facts';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { mayRecordRatingFacts } from '$lib/server/access/policy';
import {
	readFacts,
	recordDiscipline,
	recordLeave,
	saveYearFacts,
	withdrawFact
} from '$lib/server/assessments/facts';
import { refuseAction } from '$lib/server/http/refuse';
import { getMemberName, recordMemberRead } from '$lib/server/members/read';
import { listYearsForPath } from '$lib/server/years/read';
import { pickYear } from '$lib/server/years/unit-year';
import type { Actions, PageServerLoad } from './$types';

async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	if (!member.unitPath) error(404);
	const years = await listYearsForPath(ctx.db, member.unitPath);
	const year = pickYear(years, event.url.searchParams.get('year')) ?? null;
	return { ctx, member, unitPath: member.unitPath, years, year };
}

/** For the forms: the page, for those who record the member's facts only; anyone else gets 404. */
async function recording(event: RequestEvent) {
	const page = await opened(event);
	if (!mayRecordRatingFacts(page.ctx.actor, page.unitPath)) error(404);
	return page;
}

export const load: PageServerLoad = async (event) => {
	const { ctx, member, unitPath, years, year } = await opened(event);
	const [name, facts] = await Promise.all([
		getMemberName(ctx.db, member),
		readFacts(ctx.db, member, year?.id ?? null),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	return {
		member: { id: member.id, name, isSelf: member.isSelf },
		years: years.map((y) => y.year),
		year: year && { year: year.year, open: year.status === 'open' },
		facts,
		canRecord: mayRecordRatingFacts(ctx.actor, unitPath),
		saved: event.url.searchParams.get('saved')
	};
};

/** Parses a posted form for one of the page's forms, or the failure that shows its errors. */
async function posted<T>(event: RequestEvent, schema: z.ZodType<T>, which: string) {
	const values = formValues(await event.request.formData());
	const parsed = parseFields(schema, values);
	return parsed.ok
		? ({ ok: true, value: parsed.value } as const)
		: ({ ok: false, failure: fail(400, { which, values, errors: parsed.errors }) } as const);
}

const back = (event: RequestEvent, year: { year: number } | null, saved: string) =>
	redirect(303, `${event.url.pathname}?${year ? `year=${year.year}&` : ''}saved=${saved}`);

export const actions: Actions = {
	discipline: async (event) => {
		const { ctx, member, year } = await recording(event);
		const input = await posted(event, disciplineSchema, 'discipline');
		if (!input.ok) return input.failure;
		const r = await recordDiscipline(ctx, member, input.value);
		if (!r.ok) return refuseAction(r.problem, '');
		back(event, year, 'discipline');
	},
	leave: async (event) => {
		const { ctx, member, year } = await recording(event);
		const input = await posted(event, leaveSchema, 'leave');
		if (!input.ok) return input.failure;
		const r = await recordLeave(ctx, member, input.value);
		if (!r.ok) return refuseAction(r.problem, '');
		back(event, year, 'leave');
	},
	withdraw: async (event) => {
		const { ctx, member, year } = await recording(event);
		const input = await posted(event, withdrawalSchema, 'withdraw');
		if (!input.ok) return input.failure;
		const r = await withdrawFact(ctx, member, input.value);
		if (!r.ok) return refuseAction(r.problem, m.assessments_facts_err_withdrawn());
		back(event, year, 'withdrawn');
	},
	year: async (event) => {
		const { ctx, member, year } = await recording(event);
		if (!year) error(404);
		const input = await posted(event, yearFactsSchema, 'year');
		if (!input.ok) return input.failure;
		const r = await saveYearFacts(ctx, member, year, input.value);
		if (!r.ok) return refuseAction(r.problem, m.assessments_facts_err_year_closed());
		back(event, year, 'year');
	}
};
