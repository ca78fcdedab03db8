// How a refused rating step reads to the person who tried it.
import type { Problem } from '$lib/domain/result';
import { formatDate, formatNumber } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { RatingYear } from './write';

function windowText(problem: Problem, year: RatingYear, phase: 'cell' | 'decision'): string {
	switch (problem.detail?.state) {
		case 'not_yet':
			return m.ratings_err_not_yet({ date: formatDate(year.cell_review_opens_on) });
		case 'ended':
			return m.ratings_err_ended({
				date: formatDate(phase === 'cell' ? year.cell_review_closes_on : year.decision_deadline)
			});
		default:
			return m.ratings_err_year_closed();
	}
}

export function proposalText(problem: Problem, year: RatingYear): string {
	switch (problem.code) {
		case 'window_closed':
			return windowText(problem, year, 'cell');
		case 'own':
			return m.ratings_err_own_proposal();
		case 'not_rated':
			return m.ratings_err_not_rated();
		case 'conflict':
			return m.ratings_err_proposal_conflict();
		default:
			return m.ratings_err_generic();
	}
}

export function decisionText(problem: Problem, year: RatingYear): string {
	switch (problem.code) {
		case 'window_closed':
			return windowText(problem, year, 'decision');
		case 'own':
			return m.ratings_err_own_decision();
		case 'not_rated':
			return m.ratings_err_not_rated();
		case 'reason_required':
			return m.ratings_err_reason_required();
		case 'conflict':
			return problem.detail?.approved
				? m.ratings_err_already_approved()
				: m.ratings_err_decision_conflict();
		default:
			return m.ratings_err_generic();
	}
}

export function approvalText(problem: Problem, year: RatingYear): string {
	const d = problem.detail ?? {};
	switch (problem.code) {
		case 'window_closed':
			return windowText(problem, year, 'decision');
		case 'incomplete':
			return m.ratings_err_incomplete({ count: formatNumber(Number(d.undecided)) });
		case 'quota':
			return m.ratings_err_quota({
				used: formatNumber(Number(d.used)),
				limit: formatNumber(Number(d.limit)),
				base: formatNumber(Number(d.base)),
				over: formatNumber(Number(d.over))
			});
		case 'conflict':
			return m.ratings_err_already_approved();
		default:
			return m.ratings_err_generic();
	}
}

export function rerateText(problem: Problem): string {
	switch (problem.code) {
		case 'window_closed':
			return m.ratings_err_year_closed();
		case 'not_approved':
			return m.ratings_err_not_approved();
		case 'conflict':
			return m.ratings_err_decision_conflict();
		default:
			return m.ratings_err_generic();
	}
}
