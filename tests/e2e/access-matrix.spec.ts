// The authorization matrix: for every route on disk, every demo role and in-scope and out-of-scope
// targets, the status a GET answers; and for every form action, that roles who may not use it get
// 404 (or 403) and that nothing changed. A route or action added on disk without a row here fails
// the first test, and so does a row for a route that no longer exists.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { secretaryOf } from './commitments';
import { discoverTargets, type Targets } from './demo';
import {
	apiAs,
	apiLogin,
	disposeSessions,
	getHtml,
	getRaw,
	mainText,
	postForm,
	recordLinks,
	ROLES,
	serverToday,
	type Role
} from './helpers';
import {
	actionForm,
	pendingRegistration,
	proposedActionId,
	registrationYear
} from './registrations';

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Targets: what a route parameter points at. Unit and member ids come from the demo bloc at run
// time (demo.ts); accounts are found through the administrator's account list.

type UnitTarget = keyof Targets['units'] | 'missingUnit';
type MemberTarget = keyof Targets['members'] | 'missingMember';
type AccountTarget = 'account' | 'missingAccount';
type TokenTarget = 'badToken';
type YearTarget = 'year' | 'missingYear';
type CatalogTarget = 'catalogVersion' | 'missingCatalogVersion';
/** Signed commitments (PDFs) and verification codes: routes with two parameters or a code. */
type DocumentTarget =
	| 'ownPdf'
	| 'missingOwnPdf'
	| 'cellCommitment'
	| 'othersCommitment'
	| 'missingCommitment'
	| 'unknownCode'
	| 'malformedCode';
/**
 * The member's own commitment pages take a calendar year, never a member id. `cellSigner` is a
 * member of the own cell whose signed commitment awaits review (the secretary's to decide).
 */
type CommitmentTarget = 'ownYear' | 'missingYearNumber' | 'notAYear' | 'cellSigner';
/**
 * The member's own registration pages take the same calendar year (`ownYear`). `cellRegistrant` is
 * a member of the own cell whose submitted registration awaits review (bithu's to decide).
 */
type RegistrationTarget = 'cellRegistrant';
/** Evidence files are served by id; the demo has none yet, so only a missing one is probed. */
type FileTarget = 'missingFile';
/**
 * A meeting recorded in the own cell (the demo's running year has two per cell; none before
 * October, when there is no running year: its rows are then skipped), or one that is not there.
 */
type MeetingTarget = 'ownCellMeeting' | 'missingMeeting';
type Target =
	| UnitTarget
	| MemberTarget
	| AccountTarget
	| TokenTarget
	| YearTarget
	| CatalogTarget
	| DocumentTarget
	| CommitmentTarget
	| RegistrationTarget
	| FileTarget
	| MeetingTarget;

const MISSING_ID = 999_999;

interface Resolved extends Targets {
	/** The login account of Targets.members.otherMember (found as quantri), if the page works. */
	accountId: number | null;
	/** A role held in the own cell (the secretary's), from the role assignment page. */
	ownCellAssignment: string;
	/** The demo review year and a catalog version, from the organization department's lists. */
	yearId: string;
	catalogVersionId: string;
	/** The demo year and a signed commitment awaiting review in the own cell; null if not found. */
	documents: Documents | null;
	/** A commitment awaiting review in a cell of another đảng bộ cơ sở (bithu may not decide it). */
	otherCellCommitmentId: string;
	registrations: Registrations;
	/** A meeting of the own cell, from bithu's meetings pages; null when the demo has none. */
	meetingId: string | null;
	/** A proposal waiting for danguy's decision under the own grassroots organization, if the demo has one. */
	waitingProposalId: string | null;
}

let resolved: Promise<Resolved> | undefined;

function resolveTargets(baseURL: string): Promise<Resolved> {
	resolved ??= (async () => {
		const t = await discoverTargets(baseURL);
		const qt = await apiAs(baseURL, 'quantri');
		const res = await getRaw(qt, `/admin/accounts?q=${t.members.otherMember.card}`);
		const accounts = res.status() === 200 ? recordLinks(await res.text(), 'admin/accounts') : [];
		const btc = await apiAs(baseURL, 'bantochuc');
		const roles = await getHtml(btc, `/units/${t.units.ownCell}/roles`);
		const assignment = /name="assignment_id" value="(\d+)"/.exec(roles);
		if (!assignment) throw new Error("no role to end on the own cell's role page");
		const year = /href="\/admin\/years\/(\d+)"/.exec(await getHtml(btc, '/admin/years'));
		const version = /href="\/admin\/catalogs\/(\d+)"/.exec(await getHtml(btc, '/admin/catalogs'));
		if (!year || !version)
			throw new Error('no review year or catalog version linked for bantochuc');
		return {
			...t,
			accountId: accounts[0]?.id ?? null,
			ownCellAssignment: assignment[1],
			yearId: year[1],
			catalogVersionId: version[1],
			documents: await discoverDocuments(baseURL),
			otherCellCommitmentId: await pendingCommitmentIn(baseURL, t.units.otherCell),
			registrations: await discoverRegistrations(baseURL, t),
			meetingId: await discoverMeeting(baseURL, t.units.ownCell),
			waitingProposalId: await discoverWaitingProposal(baseURL, t.units.stc)
		};
	})();
	return resolved;
}

/**
 * The one change the matrix makes: bithu gives ownCellMember a task, so that the refused
 * withdrawals have a real one to leave in place. Returns its id, from bithu's page.
 */
async function giveTask(bithu: APIRequestContext, memberId: number, year: string) {
	const page = `/members/${memberId}/registrations?year=${year}`;
	const res = await postForm(bithu, `${page}&/assign`, {
		...actionForm(0, {
			title: 'Phụ trách sổ ghi biên bản sinh hoạt chi bộ',
			due: { every: 'monthly' }
		})
	});
	expect(res.status(), 'bithu gives ownCellMember a task').toBe(200);
	const id = /name="task_id" value="(\d+)"/.exec(await getHtml(bithu, page))?.[1];
	if (!id) throw new Error(`no task to withdraw on bithu's page of member ${memberId}`);
	return id;
}

interface Registrations {
	/** The demo year, whose registration window is open. */
	year: string;
	/** A member of the own cell whose submitted registration waits for bithu, and its id. */
	memberId: string;
	registrationId: string;
	/** An action bithu proposed to the own cell. */
	ownCellActionId: string;
	/** A registration waiting in a cell of another đảng bộ cơ sở, and an action proposed there. */
	otherCellRegistrationId: string;
	otherCellActionId: string;
	/** A task the cell gave ownCellMember (the demo has none: bithu gives it here). */
	ownCellTaskId: string;
}

/**
 * Registrations: in the demo, every submission of the own cell waits for bithu, and each cell's
 * secretary proposed three actions; another cell's are found as its own secretary (only whoever
 * may decide or withdraw is shown the ids).
 */
async function discoverRegistrations(baseURL: string, t: Targets): Promise<Registrations> {
	const bithu = await apiAs(baseURL, 'bithu');
	const own = await pendingRegistration(bithu, t.units.ownCell);
	const secretary = await apiLogin(baseURL, (await secretaryOf(baseURL, t.units.otherCell)).card);
	try {
		const other = await pendingRegistration(secretary, t.units.otherCell);
		const year = String(await registrationYear(baseURL));
		return {
			year,
			memberId: String(own.memberId),
			registrationId: String(own.registrationId),
			ownCellActionId: String(await proposedActionId(bithu, t.units.ownCell)),
			otherCellRegistrationId: String(other.registrationId),
			otherCellActionId: String(await proposedActionId(secretary, t.units.otherCell)),
			ownCellTaskId: await giveTask(bithu, t.members.ownCellMember.id, year)
		};
	} finally {
		await secretary.dispose();
	}
}

/** An exemplary-member proposal danguy may decide, from the committee's page. */
async function discoverWaitingProposal(baseURL: string, stcId: number): Promise<string | null> {
	const page = await getHtml(await apiAs(baseURL, 'danguy'), `/units/${stcId}/exemplary`);
	return /name="proposal_id" value="(\d+)"/.exec(page)?.[1] ?? null;
}

/** A meeting of the cell in any of its years, from its secretary's meetings pages. */
async function discoverMeeting(baseURL: string, cellId: number): Promise<string | null> {
	const bithu = await apiAs(baseURL, 'bithu');
	const list = await getHtml(bithu, `/units/${cellId}/meetings`);
	const years = [...list.matchAll(/href="\?year=(\d{4})"/g)].map((m) => m[1]);
	for (const page of [
		list,
		...(await Promise.all(years.map((y) => getHtml(bithu, `/units/${cellId}/meetings?year=${y}`))))
	]) {
		const id = new RegExp(`href="/units/${cellId}/meetings/(\\d+)"`).exec(page)?.[1];
		if (id) return id;
	}
	return null;
}

interface Documents {
	year: string;
	memberId: string;
	commitmentId: string;
}

/**
 * The demo year (from dangvien's commitments page) and a commitment signed in the own cell, all of
 * which await review (from the secretary's cell page: its checkbox and the member's link).
 */
async function discoverDocuments(baseURL: string): Promise<Documents | null> {
	const own = await getHtml(await apiAs(baseURL, 'dangvien'), '/commitments');
	const year = /href="\/commitments\/(\d{4})"/.exec(own)?.[1];
	const { units } = await discoverTargets(baseURL);
	const cell = await getHtml(await apiAs(baseURL, 'bithu'), `/units/${units.ownCell}/commitments`);
	const signed = /name="ids" value="(\d+)"[\s\S]*?href="\/members\/(\d+)\/commitments\?/.exec(cell);
	return year && signed ? { year, commitmentId: signed[1], memberId: signed[2] } : null;
}

/** The id of a signed commitment awaiting review in a cell, as the organization department finds it. */
async function pendingCommitmentIn(baseURL: string, cellId: number): Promise<string> {
	const btc = await apiAs(baseURL, 'bantochuc');
	const list = await getHtml(btc, `/units/${cellId}/commitments?state=signed`);
	const member = /href="\/members\/(\d+)\/commitments\?/.exec(list)?.[1];
	if (!member) throw new Error(`no commitment awaiting review in unit ${cellId}`);
	const page = await getHtml(btc, `/members/${member}/commitments`);
	const id = /href="\/members\/\d+\/commitments\/(\d+)\/pdf"/.exec(page)?.[1];
	if (!id) throw new Error(`no signed version on the commitment page of member ${member}`);
	return id;
}

function documentUrl(t: Resolved, target: Target): string | undefined {
	const d = t.documents;
	const need = () => {
		if (!d) throw new Error('no demo year or signed commitment found for the document routes');
		return d;
	};
	switch (target) {
		case 'ownPdf':
			return `/commitments/${need().year}/pdf/1`;
		case 'missingOwnPdf':
			return `/commitments/${need().year}/pdf/99`;
		case 'cellCommitment':
			return `/members/${need().memberId}/commitments/${need().commitmentId}/pdf`;
		case 'othersCommitment':
			// A real commitment under the address of a member who did not sign it.
			return `/members/${t.members.self.id}/commitments/${need().commitmentId}/pdf`;
		case 'missingCommitment':
			return `/members/${need().memberId}/commitments/${MISSING_ID}/pdf`;
		case 'unknownCode':
			return '/verify/AAAAAAAAAAAA';
		case 'malformedCode':
			return '/verify/not-a-code';
	}
	return undefined;
}

/** A unit's code, as its page shows it ("Chi bộ trực thuộc · <code>CODE</code>"). */
async function unitCode(baseURL: string, id: number): Promise<string> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), `/units/${id}`);
	const m = /<code>([^<]+)<\/code>/.exec(html);
	if (!m) throw new Error(`no code on the page of unit ${id}`);
	return m[1];
}

function targetId(t: Resolved, target: Target): string {
	switch (target) {
		case 'missingUnit':
		case 'missingMember':
		case 'missingAccount':
		case 'missingYear':
		case 'missingCatalogVersion':
		case 'missingFile':
			return String(MISSING_ID);
		case 'year':
			return t.yearId;
		case 'ownYear':
			if (!t.documents) throw new Error('no demo year found on /commitments');
			return t.documents.year;
		case 'missingYearNumber':
			return '1999';
		case 'notAYear':
			return 'nam-nay';
		case 'cellSigner':
			if (!t.documents) throw new Error('no signed commitment found in the own cell');
			return t.documents.memberId;
		case 'cellRegistrant':
			return t.registrations.memberId;
		case 'catalogVersion':
			return t.catalogVersionId;
		case 'badToken':
			return 'not-a-real-activation-token';
		case 'account':
			if (t.accountId === null) throw new Error('no account found through /admin/accounts');
			return String(t.accountId);
	}
	if (target in t.units) return String(t.units[target as keyof Targets['units']]);
	return String(t.members[target as keyof Targets['members']].id);
}

/** The URL of a route id with its one parameter ([id], [token], [versionId], [year]) filled in. */
function urlOf(route: string, t: Resolved, target: Target | null): string {
	if (target === null) return route;
	const document = documentUrl(t, target);
	if (document) return document;
	// Entering a registration on a member's behalf takes the member in the path, the year as a query.
	if (route === '/members/[id]/registrations/enter') {
		const missing = target === 'missingYearNumber';
		const member = missing ? String(t.members.self.id) : targetId(t, target);
		return `/members/${member}/registrations/enter?year=${missing ? '1999' : t.registrations.year}`;
	}
	// Proposing an exemplary member: the own cell's page, the member as a query.
	if (route === '/units/[id]/exemplary/new')
		return `/units/${t.units.ownCell}/exemplary/new?member=${target === 'missingMember' ? MISSING_ID : targetId(t, target)}`;
	// One member's rating: through the own cell's address.
	if (route === '/units/[id]/ratings/[member]')
		return `/units/${t.units.ownCell}/ratings/${target === 'missingMember' ? MISSING_ID : targetId(t, target)}`;
	// A cell meeting and its minutes: the own cell's, by the id found on bithu's pages.
	if (route.startsWith('/units/[id]/meetings/[meetingId]')) {
		const meeting = target === 'ownCellMeeting' ? t.meetingId : String(MISSING_ID);
		return route.replace('[id]', String(t.units.ownCell)).replace('[meetingId]', String(meeting));
	}
	// A period's report: the member's own by year in the path, a member's with the year as a query.
	if (route === '/registrations/[year]/reports/[period]')
		return `/registrations/${targetId(t, target)}/reports/1`;
	if (route === '/members/[id]/reports/[period]') {
		const missing = target === 'missingYearNumber';
		const member = missing ? String(t.members.self.id) : targetId(t, target);
		return `/members/${member}/reports/1?year=${missing ? '1999' : t.registrations.year}`;
	}
	return route.replace(/\[(id|token|versionId|year)\]/, targetId(t, target));
}

// ---------------------------------------------------------------------------------------------
// GET: expected status per role. 303 for anonymous means a redirect to /login?next=<the URL>.

type Statuses = Record<Role, number>;
interface GetRow {
	route: string;
	target: Target | null;
	expected: Statuses;
}

function get(
	route: string,
	target: Target | null,
	...s: [number, number, number, number, number, number, number]
): GetRow {
	return {
		route,
		target,
		expected: Object.fromEntries(ROLES.map((r, i) => [r, s[i]])) as Statuses
	};
}

// prettier-ignore
const GET_MATRIX: GetRow[] = [
	//   route                          target            anon dangvien bithu danguy bantochuc thuongvu quantri
	get('/',                            null,              303, 200,     200,  200,   200,      200,     200),
	get('/me',                          null,              303, 200,     200,  200,   200,      200,     200),
	get('/me/password',                 null,              303, 200,     200,  200,   200,      200,     200),

	get('/units',                       null,              303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]',                  'bloc',            303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]',                  'stc',             303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]',                  'ownCell',         303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]',                  'stcCell',         303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]',                  'otherCommittee',  303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]',                  'otherCell',       303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]',                  'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	// Roles are given from above: a committee member assigns in the cells below, not in its own unit.
	get('/units/[id]/roles',            'bloc',            303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/roles',            'stc',             303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/roles',            'ownCell',         303, 404,     404,  200,   200,      404,     404),
	get('/units/[id]/roles',            'stcCell',         303, 404,     404,  200,   200,      404,     404),
	get('/units/[id]/roles',            'otherCell',       303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/roles',            'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/manage',           'bloc',            303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/manage',           'stc',             303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/manage',           'ownCell',         303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/manage',           'otherCell',       303, 404,     404,  404,   200,      404,     404),
	get('/units/[id]/manage',           'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	// Commitment follow-up: whoever reads a unit's members sees its page (a cell's list, a committee's rates).
	get('/units/[id]/commitments',      'bloc',            303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/commitments',      'stc',             303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/commitments',      'ownCell',         303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]/commitments',      'stcCell',         303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/commitments',      'otherCell',       303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/commitments',      'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	// Registration follow-up, the same way: a cell's list, a committee's counts.
	get('/units/[id]/registrations',    'bloc',            303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/registrations',    'stc',             303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/registrations',    'ownCell',         303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]/registrations',    'stcCell',         303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/registrations',    'otherCell',       303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/registrations',    'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	get('/notifications',               null,              303, 200,     200,  200,   200,      200,     200),

	// A member's own commitment, by calendar year: every member, never the administrator (no
	// member record); a year that does not apply to them, or is not a year, is a 404.
	get('/commitments',                 null,              303, 200,     200,  200,   200,      200,     404),
	get('/commitments/[year]',          'ownYear',         303, 200,     200,  200,   200,      200,     404),
	get('/commitments/[year]',          'missingYearNumber', 303, 404,   404,  404,   404,      404,     404),
	get('/commitments/[year]',          'notAYear',        303, 404,     404,  404,   404,      404,     404),
	// A member's own registration, the same way.
	get('/registrations',               null,              303, 200,     200,  200,   200,      200,     404),
	get('/registrations/[year]',        'ownYear',         303, 200,     200,  200,   200,      200,     404),
	get('/registrations/[year]',        'missingYearNumber', 303, 404,   404,  404,   404,      404,     404),
	get('/registrations/[year]',        'notAYear',        303, 404,     404,  404,   404,      404,     404),
	// The member's own periodic reports, the same way; a period is a number of the year's periods.
	get('/registrations/[year]/reports', 'ownYear',        303, 200,     200,  200,   200,      200,     404),
	get('/registrations/[year]/reports', 'missingYearNumber', 303, 404,  404,  404,   404,      404,     404),
	get('/registrations/[year]/reports', 'notAYear',       303, 404,     404,  404,   404,      404,     404),
	get('/registrations/[year]/reports/[period]', 'ownYear', 303, 200,   200,  200,   200,      200,     404),
	get('/registrations/[year]/reports/[period]', 'missingYearNumber', 303, 404, 404, 404, 404, 404,     404),
	// The member's own self-review, by year like their registration.
	get('/assessments/[year]',          'ownYear',         303, 200,     200,  200,   200,      200,     404),
	get('/assessments/[year]',          'missingYearNumber', 303, 404,   404,  404,   404,      404,     404),
	get('/assessments/[year]',          'notAYear',        303, 404,     404,  404,   404,      404,     404),
	// The self-review's PDF: the member's own (none sent yet is a 404, as is a year not theirs).
	get('/assessments/[year]/pdf',      'missingYearNumber', 303, 404,   404,  404,   404,      404,     404),
	get('/assessments/[year]/pdf',      'notAYear',        303, 404,     404,  404,   404,      404,     404),
	// Evidence files: only through the member's scope; a missing one is a 404 for everyone.
	get('/evidence/[id]',               'missingFile',     303, 404,     404,  404,   404,      404,     404),

	get('/members',                     null,              303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]',                'self',            303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]',                'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]',                'stcMember',       303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]',                'otherMember',     303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]',                'missingMember',   303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/edit',           'self',            303, 404,     404,  200,   200,      404,     404),
	get('/members/[id]/edit',           'ownCellMember',   303, 404,     404,  200,   200,      404,     404),
	get('/members/[id]/edit',           'stcMember',       303, 404,     404,  200,   200,      404,     404),
	get('/members/[id]/edit',           'otherMember',     303, 404,     404,  404,   200,      404,     404),
	get('/members/[id]/edit',           'missingMember',   303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/transfer',       'self',            303, 404,     404,  200,   200,      404,     404),
	get('/members/[id]/transfer',       'ownCellMember',   303, 404,     404,  200,   200,      404,     404),
	get('/members/[id]/transfer',       'stcMember',       303, 404,     404,  200,   200,      404,     404),
	get('/members/[id]/transfer',       'otherMember',     303, 404,     404,  404,   200,      404,     404),
	get('/members/[id]/transfer',       'missingMember',   303, 404,     404,  404,   404,      404,     404),
	// Others' commitments follow 'member.read' (the administrator reads no member content); a
	// member reads only their own.
	get('/members/[id]/commitments',    'self',            303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]/commitments',    'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/commitments',    'cellSigner',      303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/commitments',    'stcMember',       303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]/commitments',    'otherMember',     303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]/commitments',    'missingMember',   303, 404,     404,  404,   404,      404,     404),
	// Others' registrations follow 'member.read' like their commitments.
	// The rating facts follow 'member.read' like the member's other records (recording them is
	// the committees' that manage the member: form actions below).
	// A member's self-review follows 'member.read'; entering it on their behalf is an action.
	get('/members/[id]/assessment',     'self',            303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]/assessment',     'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/assessment',     'stcMember',       303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]/assessment',     'otherMember',     303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]/assessment',     'missingMember',   303, 404,     404,  404,   404,      404,     404),
	// A member's self-review PDF: none sent yet in the own cell (the journeys send them later), so a
	// 404 for everyone here; the journeys download one sent (self-review.spec.ts).
	get('/members/[id]/assessment/pdf', 'ownCellMember',   303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/assessment/pdf', 'missingMember',   303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/facts',          'self',            303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]/facts',          'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/facts',          'stcMember',       303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]/facts',          'otherMember',     303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]/facts',          'missingMember',   303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/registrations',  'self',            303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]/registrations',  'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/registrations',  'cellRegistrant',  303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/registrations',  'stcMember',       303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]/registrations',  'otherMember',     303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]/registrations',  'missingMember',   303, 404,     404,  404,   404,      404,     404),
	// Entering a registration on a member's behalf (?year=): whoever approves theirs (bithu in the own
	// cell), never the member, nor those who only read them; a year that does not apply is a 404.
	// A cell's meetings: read by whoever reads its members; recorded by its secretary and deputy.
	get('/units/[id]/meetings',         'bloc',            303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/meetings',         'ownCell',         303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]/meetings',         'stcCell',         303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/meetings',         'otherCell',       303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/meetings',         'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/meetings/new',     'ownCell',         303, 404,     200,  404,   404,      404,     404),
	get('/units/[id]/meetings/new',     'stcCell',         303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/meetings/new',     'otherCell',       303, 404,     404,  404,   404,      404,     404),
	// Exemplary members: read by whoever reads the unit's members; proposed by the cell's secretary
	// and deputy, for a member of the cell not yet proposed (the decision is a form action).
	get('/units/[id]/exemplary',        'bloc',            303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/exemplary',        'stc',             303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/exemplary',        'ownCell',         303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]/exemplary',        'stcCell',         303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/exemplary',        'otherCell',       303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/exemplary',        'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/exemplary/new',    'ownCellMember',   303, 404,     200,  404,   404,      404,     404),
	get('/units/[id]/exemplary/new',    'stcMember',       303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/exemplary/new',    'missingMember',   303, 404,     404,  404,   404,      404,     404),
	// Member ratings: the board is read by whoever reads the unit's members; one member's page
	// through a unit's address only for a current member of its subtree (the decisions and the
	// cell's proposal are form actions).
	get('/units/[id]/ratings',          'bloc',            303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/ratings',          'stc',             303, 404,     404,  200,   200,      200,     404),
	get('/units/[id]/ratings',          'ownCell',         303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]/ratings',          'otherCell',       303, 404,     404,  404,   200,      200,     404),
	get('/units/[id]/ratings',          'missingUnit',     303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/ratings/[member]', 'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/units/[id]/ratings/[member]', 'stcMember',       303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/ratings/[member]', 'missingMember',   303, 404,     404,  404,   404,      404,     404),
	get('/units/[id]/meetings/[meetingId]', 'ownCellMeeting', 303, 404,  200,  200,   200,      200,     404),
	get('/units/[id]/meetings/[meetingId]', 'missingMeeting', 303, 404,  404,  404,   404,      404,     404),
	get('/units/[id]/meetings/[meetingId]/minutes.docx', 'ownCellMeeting', 303, 404, 200, 200, 200, 200, 404),
	get('/units/[id]/meetings/[meetingId]/minutes.docx', 'missingMeeting', 303, 404, 404, 404, 404, 404, 404),
	get('/units/[id]/meetings/[meetingId]/minutes.pdf', 'ownCellMeeting', 303, 404, 200, 200, 200, 200, 404),
	get('/units/[id]/meetings/[meetingId]/minutes.pdf', 'missingMeeting', 303, 404, 404, 404, 404, 404, 404),
	// A member's periodic reports follow 'member.read' like their registration (the cell follows
	// up, the committees read); the period page takes the year as a query.
	get('/members/[id]/reports',        'self',            303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]/reports',        'ownCellMember',   303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/reports',        'stcMember',       303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]/reports',        'otherMember',     303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]/reports',        'missingMember',   303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/reports/[period]', 'self',          303, 200,     200,  200,   200,      200,     404),
	get('/members/[id]/reports/[period]', 'ownCellMember', 303, 404,     200,  200,   200,      200,     404),
	get('/members/[id]/reports/[period]', 'stcMember',     303, 404,     404,  200,   200,      200,     404),
	get('/members/[id]/reports/[period]', 'otherMember',   303, 404,     404,  404,   200,      200,     404),
	get('/members/[id]/reports/[period]', 'missingMember', 303, 404,     404,  404,   404,      404,     404),
	get('/members/[id]/reports/[period]', 'missingYearNumber', 303, 404, 404,  404,   404,      404,     404),
	get('/members/[id]/registrations/enter', 'self',       303, 404,     200,  404,   404,      404,     404),
	get('/members/[id]/registrations/enter', 'ownCellMember', 303, 404,  200,  404,   404,      404,     404),
	get('/members/[id]/registrations/enter', 'cellRegistrant', 303, 404, 200,  404,   404,      404,     404),
	get('/members/[id]/registrations/enter', 'otherMember', 303, 404,    404,  404,   404,      404,     404),
	get('/members/[id]/registrations/enter', 'missingMember', 303, 404,  404,  404,   404,      404,     404),
	get('/members/[id]/registrations/enter', 'missingYearNumber', 303, 404, 404, 404, 404,      404,     404),

	get('/audit',                       null,              303, 404,     200,  200,   200,      200,     200),

	// The index of admin tools: for whoever has one (import: danguy, bantochuc; years, catalogs and
	// integrity: bantochuc; accounts and catalogs: quantri).
	get('/admin',                       null,              303, 404,     404,  200,   200,      404,     200),
	// Being built by others: the system administrator manages accounts and nothing else.
	get('/admin/accounts',              null,              303, 404,     404,  404,   404,      404,     200),
	get('/admin/accounts/[id]',         'account',         303, 404,     404,  404,   404,      404,     200),
	get('/admin/accounts/[id]',         'missingAccount',  303, 404,     404,  404,   404,      404,     404),
	// Being built by others: importing needs 'member.manage' (danguy in its subtree, bantochuc).
	get('/admin/import',                null,              303, 404,     404,  200,   200,      404,     404),
	get('/admin/import/template.xlsx',  null,              303, 404,     404,  200,   200,      404,     404),
	// Review years are the bloc organization department's; catalogs also the administrator's.
	get('/admin/years',                 null,              303, 404,     404,  404,   200,      404,     404),
	get('/admin/years/[id]',            'year',            303, 404,     404,  404,   200,      404,     404),
	get('/admin/years/[id]',            'missingYear',     303, 404,     404,  404,   404,      404,     404),
	get('/admin/catalogs',              null,              303, 404,     404,  404,   200,      404,     200),
	get('/admin/catalogs/[versionId]',  'catalogVersion',  303, 404,     404,  404,   200,      404,     200),
	get('/admin/catalogs/[versionId]',  'missingCatalogVersion', 303, 404, 404, 404,  404,      404,     404),
	// The organization department checks its bloc's commitments for tampering.
	get('/admin/integrity',             null,              303, 404,     404,  404,   200,      404,     404),
	// A member's own signed versions: in the demo, bithu and thuongvu signed version 1; dangvien,
	// danguy and bantochuc did not ("Chưa ký" on their /commitments); the administrator has no
	// member record.
	get('/commitments/[year]/pdf/[version]', 'ownPdf',     303, 404,     200,  404,   404,      200,     404),
	get('/commitments/[year]/pdf/[version]', 'missingOwnPdf', 303, 404,  404,  404,   404,      404,     404),
	// Others' PDFs follow 'member.read' over the member: dangvien shares the cell but is no officer.
	get('/members/[id]/commitments/[commitmentId]/pdf', 'cellCommitment', 303, 404, 200, 200, 200, 200, 404),
	get('/members/[id]/commitments/[commitmentId]/pdf', 'othersCommitment', 303, 404, 404, 404, 404, 404, 404),
	get('/members/[id]/commitments/[commitmentId]/pdf', 'missingCommitment', 303, 404, 404, 404, 404, 404, 404),

	// Public routes outside (app).
	get('/login',                       null,              200, 303,     303,  303,   303,      303,     303),
	get('/logout',                      null,              303, 303,     303,  303,   303,      303,     303),
	get('/locale',                      null,              303, 303,     303,  303,   303,      303,     303),
	get('/health',                      null,              200, 200,     200,  200,   200,      200,     200),
	// Anyone may check a verification code; an unknown or malformed one is an answer, not an error.
	get('/verify',                      null,              200, 200,     200,  200,   200,      200,     200),
	get('/verify/[code]',               'unknownCode',     200, 200,     200,  200,   200,      200,     200),
	get('/verify/[code]',               'malformedCode',   200, 200,     200,  200,   200,      200,     200),
	// Being built by others: an unknown activation token is a 404 for everyone.
	get('/activate/[token]',            'badToken',        404, 404,     404,  404,   404,      404,     404)
];

// ---------------------------------------------------------------------------------------------
// POST: for each form action, who may NOT use it (they get 404 or 403; anonymous gets 303 to the
// login page), with a form that would change something, and pages whose text must stay the same.

interface Probe {
	as: Role;
	url: (t: Resolved) => string;
}

type Multipart = Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;

interface DeniedPost {
	route: string;
	action: string;
	target: Target | null;
	denied: Role[];
	form: (t: Resolved) => Record<string, string>;
	/** Sent as multipart/form-data (file uploads) instead of the form above. */
	multipart?: (t: Resolved, baseURL: string) => Promise<Multipart>;
	/** Pages (read by someone allowed) whose text must not change. */
	unchanged: Probe[];
}

/** Routes whose actions anyone may use (or only with a secret), so no role is denied. */
interface OpenActions {
	route: string;
	actions: string[];
	why: string;
}

const today = serverToday();
const NOT_MANAGERS: Role[] = ['anonymous', 'dangvien', 'bithu', 'thuongvu', 'quantri'];
const ALL_BUT_BTC: Role[] = ['anonymous', 'dangvien', 'bithu', 'danguy', 'thuongvu', 'quantri'];
const ALL_BUT_ADMIN: Role[] = ['anonymous', 'dangvien', 'bithu', 'danguy', 'bantochuc', 'thuongvu'];
const INTRUDING_REASONS = 'Đề xuất trái phép: người không có thẩm quyền gửi đề xuất này.';
const ALL_BUT_REVIEWER: Role[] = [
	'anonymous',
	'dangvien',
	'danguy',
	'bantochuc',
	'thuongvu',
	'quantri'
];

/** A commitment awaiting review (`ids`) or the year (`year_id`) from bithu's own cell page. */
async function fromReviewPage(baseURL: string, t: Resolved, name: 'ids' | 'year_id') {
	const html = await getHtml(
		await apiAs(baseURL, 'bithu'),
		`/units/${t.units.ownCell}/commitments`
	);
	const found = new RegExp(`name="${name}" value="(\\d+)"`).exec(html);
	if (!found) throw new Error(`no ${name} input on the own cell's follow-up page`);
	return found[1];
}

const memberPage = (key: keyof Targets['members']): Probe => ({
	as: 'bantochuc',
	url: (t) => `/members/${t.members[key].id}`
});
const unitPage = (key: keyof Targets['units'], suffix = ''): Probe => ({
	as: 'bantochuc',
	url: (t) => `/units/${t.units[key]}${suffix}`
});
const accountPage: Probe = { as: 'quantri', url: (t) => `/admin/accounts/${t.accountId}` };
const yearsPage: Probe = { as: 'bantochuc', url: () => '/admin/years' };
const yearPage: Probe = { as: 'bantochuc', url: (t) => `/admin/years/${t.yearId}` };
const catalogPage: Probe = {
	as: 'bantochuc',
	url: (t) => `/admin/catalogs/${t.catalogVersionId}`
};

/** dangvien's own commitment page for the demo year. */
const ownCommitment: Probe = {
	as: 'dangvien',
	url: (t) => `/commitments/${t.documents!.year}`
};
const cellSignerReview: Probe = {
	as: 'bithu',
	url: (t) => `/members/${t.documents!.memberId}/commitments`
};

/** Forms that would change a member's own commitment if the action let them through. */
const COMMITMENT_ACTIONS: [string, Record<string, string>][] = [
	['save', { political: 'Cam kết ghi trái phép', ethics: '', discipline: '', duties: '' }],
	[
		'sign',
		{
			political: 'Cam kết ký trái phép',
			ethics: '',
			discipline: '',
			duties: '',
			typed_name: 'Quản trị hệ thống',
			password: 'camket-demo-2026',
			affirm: 'true'
		}
	],
	['amend', {}],
	['discard', {}]
];

/** dangvien's own registration page for the demo year (it also lists the actions proposed to it). */
const ownRegistration: Probe = {
	as: 'dangvien',
	url: (t) => `/registrations/${t.registrations.year}`
};
/** ownCellMember's registration with the task bithu gave, as bithu sees it. */
const ownCellMemberTasks: Probe = {
	as: 'bithu',
	url: (t) => `/members/${t.members.ownCellMember.id}/registrations`
};
const registrantReview: Probe = {
	as: 'bithu',
	url: (t) => `/members/${t.registrations.memberId}/registrations`
};

/** dangvien's own reports, and ownCellMember's as bithu follows them. */
const ownReports: Probe = {
	as: 'dangvien',
	url: (t) => `/registrations/${t.registrations.year}/reports`
};
const ownCellMemberReports: Probe = {
	as: 'bithu',
	url: (t) => `/members/${t.members.ownCellMember.id}/reports?year=${t.registrations.year}`
};

/** A report as the period form posts it: the lines are the member's own, none here. */
const intrudingReport = () => ({ sr_level: 'excellent', sr_strengths: 'Báo cáo trái phép' });

/** A valid action for the demo year, as the registration and proposal forms post it. */
const intrudingAction = (t: Resolved, title: string) =>
	actionForm(0, {
		title,
		target: { value: '1', unit: 'lần' },
		due: { on: `${t.registrations.year}-12-01` }
	});

/** Forms that would change a member's own registration if the action let them through. */
const REGISTRATION_ACTIONS: [string, (t: Resolved) => Record<string, string>][] = [
	['save', (t) => ({ ...intrudingAction(t, 'Việc làm ghi trái phép'), plan_content: 'Trái phép' })],
	['submit', (t) => ({ ...intrudingAction(t, 'Việc làm gửi trái phép'), plan_content: '' })],
	['edit', () => ({})],
	['discard', () => ({})],
	['adopt', (t) => ({ template_id: t.registrations.ownCellActionId })],
	['acknowledge', () => ({})]
];

const editForm = (key: keyof Targets['members']) => (t: Resolved) => ({
	card_no: t.members[key].card,
	full_name: 'Tên Bị Sửa Trái Phép',
	birth_date: '',
	gender: '',
	joined_on: '',
	full_member_on: '',
	party_position: '',
	government_position: '',
	mass_org_position: '',
	workplace: '',
	phone: '',
	email: ''
});

const DENIED_POSTS: DeniedPost[] = [
	{
		route: '/members/[id]/edit',
		action: 'default',
		target: 'ownCellMember',
		denied: NOT_MANAGERS,
		form: editForm('ownCellMember'),
		unchanged: [memberPage('ownCellMember')]
	},
	{
		// A member reads but never edits their own record.
		route: '/members/[id]/edit',
		action: 'default',
		target: 'self',
		denied: NOT_MANAGERS,
		form: editForm('self'),
		unchanged: [memberPage('self')]
	},
	{
		route: '/members/[id]/edit',
		action: 'default',
		target: 'otherMember',
		denied: ['danguy'],
		form: editForm('otherMember'),
		unchanged: [memberPage('otherMember')]
	},
	{
		route: '/members/[id]/transfer',
		action: 'default',
		target: 'ownCellMember',
		denied: NOT_MANAGERS,
		form: (t) => ({ to_unit_id: String(t.units.stcCell), date: today }),
		unchanged: [memberPage('ownCellMember')]
	},
	{
		// danguy manages this member but may not move them out of its đảng bộ.
		route: '/members/[id]/transfer',
		action: 'default',
		target: 'stcMember',
		denied: ['danguy'],
		form: (t) => ({ to_unit_id: String(t.units.otherCell), date: today }),
		unchanged: [memberPage('stcMember')]
	},
	{
		route: '/members/[id]/transfer',
		action: 'default',
		target: 'otherMember',
		denied: ['danguy'],
		form: (t) => ({ to_unit_id: String(t.units.stcCell), date: today }),
		unchanged: [memberPage('otherMember')]
	},
	{
		route: '/units/[id]/roles',
		action: 'assign',
		target: 'ownCell',
		denied: NOT_MANAGERS,
		form: (t) => ({
			role: 'cell_committee_member',
			card_no: t.members.ownCellMember.card,
			started_on: today
		}),
		unchanged: [unitPage('ownCell')]
	},
	{
		// A grassroots committee member may not appoint colleagues in its own committee.
		route: '/units/[id]/roles',
		action: 'assign',
		target: 'stc',
		denied: ['danguy'],
		form: (t) => ({
			role: 'grassroots_committee_member',
			card_no: t.members.stcMember.card,
			started_on: today
		}),
		unchanged: [unitPage('stc')]
	},
	{
		route: '/units/[id]/roles',
		action: 'end',
		target: 'ownCell',
		denied: NOT_MANAGERS,
		form: (t) => ({ assignment_id: t.ownCellAssignment }),
		unchanged: [unitPage('ownCell')]
	},
	{
		route: '/units/[id]/manage',
		action: 'rename',
		target: 'stc',
		denied: ALL_BUT_BTC,
		form: () => ({ code: 'TRAI-PHEP', name: 'Đảng bộ Đổi Tên Trái Phép' }),
		unchanged: [unitPage('stc')]
	},
	{
		route: '/units/[id]/manage',
		action: 'create',
		target: 'stc',
		denied: ALL_BUT_BTC,
		form: () => ({ code: 'TRAI-PHEP-2', name: 'Chi bộ Thêm Trái Phép', kind: 'cell' }),
		unchanged: [unitPage('stc')]
	},
	{
		route: '/units/[id]/manage',
		action: 'move',
		target: 'otherCell',
		denied: ALL_BUT_BTC,
		form: (t) => ({ parent_id: String(t.units.stc) }),
		unchanged: [unitPage('otherCell'), unitPage('stc')]
	},
	{
		route: '/units/[id]/manage',
		action: 'dissolve',
		target: 'otherCell',
		denied: ALL_BUT_BTC,
		form: () => ({ date: today }),
		unchanged: [unitPage('otherCell')]
	},
	{
		route: '/units/[id]/manage',
		action: 'merge',
		target: 'otherCell',
		denied: ALL_BUT_BTC,
		form: (t) => ({ target_id: String(t.units.otherCell2), date: today }),
		unchanged: [unitPage('otherCell'), unitPage('otherCell2')]
	},
	// Being built by others: account administration is the system administrator's alone.
	{
		route: '/admin/accounts',
		action: 'create',
		target: null,
		denied: ALL_BUT_ADMIN,
		form: (t) => ({ card_no: t.members.otherMember.card, login: 'tao-trai-phep' }),
		unchanged: [{ as: 'quantri', url: () => '/admin/accounts?q=tao-trai-phep' }]
	},
	...(['activation', 'reset', 'disable', 'enable'] as const).map((action): DeniedPost => ({
		route: '/admin/accounts/[id]',
		action,
		target: 'account',
		denied: ALL_BUT_ADMIN,
		form: () => ({ confirm: 'yes' }),
		unchanged: [accountPage]
	})),
	// Being built by others: importing needs 'member.manage'. The file would add a member to a
	// cell of Sở Tài chính if the upload were accepted.
	{
		route: '/admin/import',
		action: 'default',
		target: null,
		denied: NOT_MANAGERS,
		form: () => ({}),
		multipart: async (t, baseURL) => ({
			file: {
				name: 'nhap-trai-phep.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from(
					'Số thẻ đảng viên,Họ và tên,Tình trạng,Mã chi bộ\n' +
						`99000001,Người Nhập Trái Phép,Chính thức,${await unitCode(baseURL, t.units.stcCell)}\n`
				)
			}
		}),
		unchanged: [unitPage('stcCell'), { as: 'bantochuc', url: () => '/members?q=99000001' }]
	},
	// Review years: only the bloc's organization department creates and changes them.
	{
		route: '/admin/years',
		action: 'create',
		target: null,
		denied: ALL_BUT_BTC,
		form: () => ({ year: '2099', place: 'Năm Tạo Trái Phép' }),
		unchanged: [yearsPage]
	},
	...(
		[
			['windows', { place: 'Địa Danh Sửa Trái Phép' }],
			['pins', { year: '2098' }],
			['open', { acknowledged_unverified: '0' }],
			['close', { confirm: 'yes' }],
			['reopen', { reason: 'Mở lại trái phép' }]
		] as const
	).map(([action, form]): DeniedPost => ({
		route: '/admin/years/[id]',
		action,
		target: 'year',
		denied: ALL_BUT_BTC,
		form: () => ({ ...form }),
		unchanged: [yearPage]
	})),
	// Catalogs: the organization department and the administrator edit them.
	{
		route: '/admin/catalogs/[versionId]',
		action: 'save',
		target: 'catalogVersion',
		denied: ['anonymous', 'dangvien', 'bithu', 'danguy', 'thuongvu'],
		form: () => ({ item_id: '1', text: 'Nội dung sửa trái phép', wording: 'official' }),
		unchanged: [catalogPage, { as: 'bantochuc', url: () => '/admin/catalogs' }]
	},
	// Commitment follow-up: only the cell's secretary (or deputy) confirms and reminds; readers of
	// the cell (danguy, bantochuc, thuongvu) and the secretary of another cell may not. (The
	// committee confirms only in a cell with a lone reviewer: e2e own-commitment.spec.ts.)
	...(['ownCell', 'otherCell'] as const).flatMap((target): DeniedPost[] => [
		{
			route: '/units/[id]/commitments',
			action: 'confirm',
			target,
			denied: target === 'ownCell' ? ALL_BUT_REVIEWER : ['bithu'],
			form: () => ({}),
			multipart: async (t, baseURL) => ({ ids: await fromReviewPage(baseURL, t, 'ids') }),
			unchanged: [unitPage('ownCell', '/commitments')]
		},
		{
			route: '/units/[id]/commitments',
			action: 'remind',
			target,
			denied: target === 'ownCell' ? ALL_BUT_REVIEWER : ['bithu'],
			form: () => ({}),
			multipart: async (t, baseURL) => ({ year_id: await fromReviewPage(baseURL, t, 'year_id') }),
			unchanged: [
				unitPage('ownCell', '/commitments'),
				{ as: 'dangvien', url: () => '/notifications' }
			]
		}
	]),
	// A member's own commitment: the actions act on the actor's own record only (there is no
	// member id to send), so only someone without a member record is refused; a year that does not
	// apply to the actor is a 404 for everyone.
	...COMMITMENT_ACTIONS.map(([action, form]): DeniedPost => ({
		route: '/commitments/[year]',
		action,
		target: 'ownYear',
		denied: ['anonymous', 'quantri'],
		form: () => ({ ...form }),
		unchanged: [ownCommitment]
	})),
	...COMMITMENT_ACTIONS.map(([action, form]): DeniedPost => ({
		route: '/commitments/[year]',
		action,
		target: 'missingYearNumber',
		denied: [...ROLES],
		form: () => ({ ...form }),
		unchanged: [ownCommitment]
	})),
	// Deciding on a commitment is the secretary's (or deputy's) of the member's cell alone: readers
	// of the member (danguy, bantochuc, thuongvu) may not, nor may the member's cell-mate.
	{
		route: '/members/[id]/commitments',
		action: 'review',
		target: 'cellSigner',
		denied: ALL_BUT_REVIEWER,
		form: (t) => ({
			commitment_id: t.documents!.commitmentId,
			decision: 'returned',
			comment: 'Trả lại trái phép'
		}),
		unchanged: [cellSignerReview, unitPage('ownCell', '/commitments')]
	},
	{
		// The commitment id in the form decides, not the member in the address: bithu may open its
		// own cell's member, but not decide on another cell's commitment through that address.
		route: '/members/[id]/commitments',
		action: 'review',
		target: 'self',
		denied: ['bithu'],
		form: (t) => ({
			commitment_id: t.otherCellCommitmentId,
			decision: 'confirmed',
			comment: ''
		}),
		unchanged: [unitPage('otherCell', '/commitments?state=signed')]
	},
	// A member's own registration: as their commitment, the actions act on the actor's own record
	// only, so only someone without a member record is refused; a year that does not apply to the
	// actor is a 404 for everyone.
	...REGISTRATION_ACTIONS.map(([action, form]): DeniedPost => ({
		route: '/registrations/[year]',
		action,
		target: 'ownYear',
		denied: ['anonymous', 'quantri'],
		form,
		unchanged: [ownRegistration]
	})),
	...REGISTRATION_ACTIONS.map(([action, form]): DeniedPost => ({
		route: '/registrations/[year]',
		action,
		target: 'missingYearNumber',
		denied: [...ROLES],
		form,
		unchanged: [ownRegistration]
	})),
	// A member's own report: as their registration, on the actor's own record only.
	{
		route: '/registrations/[year]/reports/[period]',
		action: 'submit',
		target: 'ownYear',
		denied: ['anonymous', 'quantri'],
		form: intrudingReport,
		unchanged: [ownReports]
	},
	{
		route: '/registrations/[year]/reports/[period]',
		action: 'submit',
		target: 'missingYearNumber',
		denied: [...ROLES],
		form: intrudingReport,
		unchanged: [ownReports]
	},
	// Entering a member's self-review on their behalf: whoever approves their registrations (bithu
	// in the own cell), never the member, nor those who only read them.
	{
		route: '/members/[id]/assessment',
		action: 'submit',
		target: 'ownCellMember',
		denied: ALL_BUT_REVIEWER,
		form: () => ({ strengths: 'x', shortcomings: 'x', remedies: 'x', proposed_level: 'good' }),
		unchanged: [{ as: 'bithu', url: (t) => `/members/${t.members.ownCellMember.id}/assessment` }]
	},
	// A self-review is the actor's own: a year that does not apply to them is a 404 for everyone,
	// to send one or to confirm one the cell entered on their behalf.
	{
		route: '/assessments/[year]',
		action: 'submit',
		target: 'missingYearNumber',
		denied: [...ROLES],
		form: () => ({ strengths: 'x', shortcomings: 'x', remedies: 'x', proposed_level: 'good' }),
		unchanged: [{ as: 'dangvien', url: () => '/' }]
	},
	{
		route: '/assessments/[year]',
		action: 'confirm',
		target: 'missingYearNumber',
		denied: [...ROLES],
		form: () => ({ version: '1' }),
		unchanged: [{ as: 'dangvien', url: () => '/' }]
	},
	// Recording a meeting of a cell: its secretary (bithu in the own cell), nobody else.
	{
		route: '/units/[id]/meetings/new',
		action: 'record',
		target: 'ownCell',
		denied: ALL_BUT_REVIEWER,
		form: () => ({ held_on: today, kind: 'regular', venue: 'Trái phép', proceedings: 'Trái phép' }),
		unchanged: [{ as: 'bithu', url: (t) => `/units/${t.units.ownCell}/meetings` }]
	},
	// Recording the rating facts: whoever manages the member's records (danguy in Sở Tài chính,
	// bantochuc in the bloc); the cell, the standing committee and the administrator may not, nor
	// danguy for a member of another grassroots organization.
	...(['ownCellMember', 'otherMember'] as const).flatMap((target): DeniedPost[] =>
		(
			[
				[
					'discipline',
					{ decided_on: today, form: 'reprimand', authority: 'Trái phép', reason: 'Trái phép' }
				],
				['leave', { kind: 'sick', starts_on: today, ends_on: today }],
				['withdraw', { kind: 'discipline', id: String(MISSING_ID), reason: 'Trái phép' }],
				['year', { subject_type: 'leader', temporary_cell: 'Trái phép' }]
			] as const
		).map(([action, form]) => ({
			route: '/members/[id]/facts',
			action,
			target,
			denied: target === 'ownCellMember' ? NOT_MANAGERS : [...NOT_MANAGERS, 'danguy'],
			form: () => ({ ...form }),
			unchanged: [
				{ as: 'bantochuc', url: (t: Resolved) => `/members/${t.members[target].id}/facts` }
			]
		}))
	),
	// Proposing an exemplary member: the cell's secretary (bithu), for a member of the cell; a
	// member of another cell through the own cell's address is refused to bithu too.
	{
		route: '/units/[id]/exemplary/new',
		action: 'propose',
		target: 'ownCellMember',
		denied: ALL_BUT_REVIEWER,
		form: (t) => ({ member_id: String(t.members.ownCellMember.id), reasons: INTRUDING_REASONS }),
		unchanged: [{ as: 'bithu', url: (t) => `/units/${t.units.ownCell}/exemplary` }]
	},
	{
		route: '/units/[id]/exemplary/new',
		action: 'propose',
		target: 'stcMember',
		denied: ['bithu'],
		form: (t) => ({ member_id: String(t.members.stcMember.id), reasons: INTRUDING_REASONS }),
		unchanged: [{ as: 'danguy', url: (t) => `/units/${t.units.stc}/exemplary` }]
	},
	// Deciding a proposal: the committee above its cell (danguy for Sở Tài chính's cells), nobody
	// else, the bloc's standing committee included (it decides for grassroots cells only).
	{
		route: '/units/[id]/exemplary',
		action: 'decide',
		target: 'stc',
		denied: ['anonymous', 'dangvien', 'bithu', 'bantochuc', 'thuongvu', 'quantri'],
		form: (t) => ({
			proposal_id: t.waitingProposalId ?? String(MISSING_ID),
			decision: 'approved',
			note: ''
		}),
		unchanged: [{ as: 'danguy', url: (t) => `/units/${t.units.stc}/exemplary` }]
	},
	{
		// The proposal id decides, not the unit in the address: through the bloc's page too.
		route: '/units/[id]/exemplary',
		action: 'decide',
		target: 'bloc',
		denied: ['thuongvu', 'bantochuc'],
		form: (t) => ({
			proposal_id: t.waitingProposalId ?? String(MISSING_ID),
			decision: 'declined',
			note: 'Trái phép'
		}),
		unchanged: [{ as: 'danguy', url: (t) => `/units/${t.units.stc}/exemplary` }]
	},
	// The cell's rating proposal: its secretary (bithu), for a member of the cell; deciding and
	// approving the levels: the grassroots committee (danguy for Sở Tài chính), nobody else.
	{
		route: '/units/[id]/ratings/[member]',
		action: 'propose',
		target: 'ownCellMember',
		denied: ALL_BUT_REVIEWER,
		form: () => ({
			seen: '0',
			level: 'excellent',
			comment: INTRUDING_REASONS,
			votes_agree: '1',
			votes_present: '1',
			votes_total: '1'
		}),
		unchanged: [{ as: 'bithu', url: (t) => `/units/${t.units.ownCell}/ratings` }]
	},
	// Re-rating or cancelling an approved rating: the bloc's standing committee (thuongvu) alone.
	{
		route: '/units/[id]/ratings/[member]',
		action: 'rerate',
		target: 'ownCellMember',
		denied: ['anonymous', 'dangvien', 'bithu', 'danguy', 'bantochuc', 'quantri'],
		form: () => ({ seen: '0', level: 'cancel', reason: INTRUDING_REASONS }),
		unchanged: [{ as: 'bithu', url: (t) => `/units/${t.units.ownCell}/ratings` }]
	},
	...(['decide', 'approve'] as const).map((action): DeniedPost => ({
		route: '/units/[id]/ratings',
		action,
		target: 'stc',
		denied: ['anonymous', 'dangvien', 'bithu', 'bantochuc', 'thuongvu', 'quantri'],
		form: (t) => ({
			member_id: String(t.members.ownCellMember.id),
			seen: '0',
			level: 'excellent',
			reason: 'Trái phép'
		}),
		unchanged: [{ as: 'danguy', url: (t) => `/units/${t.units.stc}/ratings` }]
	})),
	// Reporting on a member's behalf and commenting on their reports: the reviewer of their cell.
	{
		route: '/members/[id]/reports/[period]',
		action: 'submit',
		target: 'ownCellMember',
		denied: ALL_BUT_REVIEWER,
		form: intrudingReport,
		unchanged: [ownCellMemberReports]
	},
	{
		route: '/members/[id]/reports/[period]',
		action: 'comment',
		target: 'ownCellMember',
		denied: ALL_BUT_REVIEWER,
		form: () => ({ about: '', body: 'Nhận xét trái phép' }),
		unchanged: [ownCellMemberReports]
	},
	// Approving or returning a registration is the reviewer's of the member's cell alone (the same
	// rule as commitments): readers of the member may not, nor may the member's cell-mate.
	{
		route: '/members/[id]/registrations',
		action: 'review',
		target: 'cellRegistrant',
		denied: ALL_BUT_REVIEWER,
		form: (t) => ({
			registration_id: t.registrations.registrationId,
			decision: 'returned',
			comment: 'Trả lại trái phép'
		}),
		unchanged: [registrantReview, unitPage('ownCell', '/registrations')]
	},
	{
		// The registration id in the form decides, not the member in the address.
		route: '/members/[id]/registrations',
		action: 'review',
		target: 'self',
		denied: ['bithu'],
		form: (t) => ({
			registration_id: t.registrations.otherCellRegistrationId,
			decision: 'approved',
			comment: ''
		}),
		unchanged: [unitPage('otherCell', '/registrations?state=submitted')]
	},
	// Entering dangvien's registration on their behalf is bithu's alone: not dangvien's (their own
	// page is /registrations), nor of those who read them. dangvien has not registered in the demo.
	...(['save', 'submit'] as const).map((action): DeniedPost => ({
		route: '/members/[id]/registrations/enter',
		action,
		target: 'self',
		denied: ALL_BUT_REVIEWER,
		form: (t) => ({ ...intrudingAction(t, 'Việc làm nhập thay trái phép'), plan_content: '' }),
		unchanged: [ownRegistration, unitPage('ownCell', '/registrations')]
	})),
	// Tasks the cell gives a member: whoever approves the member's registration (bithu), and only
	// through that member's address.
	{
		route: '/members/[id]/registrations',
		action: 'assign',
		target: 'self',
		denied: ALL_BUT_REVIEWER,
		form: (t) => intrudingAction(t, 'Nhiệm vụ giao trái phép'),
		unchanged: [ownRegistration]
	},
	{
		route: '/members/[id]/registrations',
		action: 'assign',
		target: 'otherMember',
		denied: ['bithu'],
		form: (t) => intrudingAction(t, 'Nhiệm vụ giao trái phép'),
		unchanged: [
			{ as: 'bantochuc', url: (t) => `/members/${t.members.otherMember.id}/registrations` }
		]
	},
	{
		route: '/members/[id]/registrations',
		action: 'withdrawTask',
		target: 'ownCellMember',
		denied: ALL_BUT_REVIEWER,
		form: (t) => ({ task_id: t.registrations.ownCellTaskId }),
		unchanged: [ownCellMemberTasks]
	},
	{
		// The task id in the form decides, not the member in the address.
		route: '/members/[id]/registrations',
		action: 'withdrawTask',
		target: 'self',
		denied: ['bithu'],
		form: (t) => ({ task_id: t.registrations.ownCellTaskId }),
		unchanged: [ownCellMemberTasks]
	},
	// Proposing actions to a cell's members, and withdrawing them, is the cell's reviewers' (bithu):
	// readers of the cell (danguy, bantochuc, thuongvu) may not, nor may another cell's secretary.
	// The own cell's proposals also show on dangvien's registration page.
	...(['ownCell', 'otherCell'] as const).flatMap((target): DeniedPost[] => {
		const denied = target === 'ownCell' ? ALL_BUT_REVIEWER : (['bithu'] as Role[]);
		const unchanged =
			target === 'ownCell'
				? [unitPage('ownCell', '/registrations'), ownRegistration]
				: [unitPage('otherCell', '/registrations')];
		return [
			{
				route: '/units/[id]/registrations',
				action: 'propose',
				target,
				denied,
				form: (t) => intrudingAction(t, 'Việc làm gợi ý trái phép'),
				unchanged
			},
			{
				route: '/units/[id]/registrations',
				action: 'withdraw',
				target,
				denied,
				form: (t) => ({
					template_id:
						target === 'ownCell'
							? t.registrations.ownCellActionId
							: t.registrations.otherCellActionId
				}),
				unchanged
			}
		];
	}),
	{
		// Above the cells, whoever manages the committee's members proposes (danguy, bantochuc); its
		// proposals would show to every member under it, dangvien included.
		route: '/units/[id]/registrations',
		action: 'propose',
		target: 'stc',
		denied: NOT_MANAGERS,
		form: (t) => intrudingAction(t, 'Việc làm đảng ủy gợi ý trái phép'),
		unchanged: [unitPage('stc', '/registrations'), ownRegistration]
	},
	{
		// The action id in the form decides, not the unit in the address: bithu may withdraw its own
		// cell's proposals, not another cell's through its own cell's address.
		route: '/units/[id]/registrations',
		action: 'withdraw',
		target: 'ownCell',
		denied: ['bithu'],
		form: (t) => ({ template_id: t.registrations.otherCellActionId }),
		unchanged: [unitPage('otherCell', '/registrations')]
	},
	{
		// Marking one's own notifications read; someone else's ids match nothing.
		route: '/notifications',
		action: 'read',
		target: null,
		denied: ['anonymous'],
		form: () => ({ id: 'all', next: '/' }),
		unchanged: []
	},
	// The tamper check runs over the organization department's bloc only.
	{
		route: '/admin/integrity',
		action: 'default',
		target: null,
		denied: ALL_BUT_BTC,
		form: () => ({}),
		unchanged: []
	},
	// Every signed-in person manages their own session and password: only anonymous is refused.
	{
		route: '/me',
		action: 'locale',
		target: null,
		denied: ['anonymous'],
		form: () => ({ locale: 'en' }),
		unchanged: []
	},
	{
		route: '/me',
		action: 'logoutOthers',
		target: null,
		denied: ['anonymous'],
		form: () => ({}),
		unchanged: []
	},
	{
		route: '/me/password',
		action: 'default',
		target: null,
		denied: ['anonymous'],
		form: () => ({
			current_password: 'camket-demo-2026',
			new_password: 'một mật khẩu mới dài',
			confirm_password: 'một mật khẩu mới dài'
		}),
		unchanged: []
	},
	{
		// Being built by others: without a valid token nobody can set a password.
		route: '/activate/[token]',
		action: 'default',
		target: 'badToken',
		denied: [...ROLES],
		form: () => ({
			new_password: 'một mật khẩu mới dài',
			confirm_password: 'một mật khẩu mới dài'
		}),
		unchanged: []
	}
];

const OPEN_ACTIONS: OpenActions[] = [
	{ route: '/login', actions: ['default'], why: 'anyone may try to log in (throttled)' },
	{ route: '/logout', actions: ['default'], why: 'logging out needs no permission' },
	{ route: '/locale', actions: ['default'], why: 'anyone may switch the language' }
];

// ---------------------------------------------------------------------------------------------
// Routes on disk.

interface DiskRoute {
	id: string;
	/** GET answers: a page (+page.svelte / +page.server.ts / +page.ts) or an endpoint (+server.ts). */
	gettable: boolean;
	/** Form actions declared in +page.server.ts. */
	actions: string[];
	/** Under (app): every visitor must be signed in. */
	signedIn: boolean;
}

function routesOnDisk(dir = ROUTES_DIR, segments: string[] = []): DiskRoute[] {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
	const found: DiskRoute[] = [];
	const page = ['+page.svelte', '+page.server.ts', '+page.ts'].some((f) => files.has(f));
	const endpoint = files.has('+server.ts') || files.has('+server.js');
	const actions = files.has('+page.server.ts')
		? actionNames(fs.readFileSync(path.join(dir, '+page.server.ts'), 'utf8'))
		: [];
	if (page || endpoint) {
		const id = '/' + segments.filter((s) => !/^\(.*\)$/.test(s)).join('/');
		const signedIn = segments[0] === '(app)';
		found.push({ id, gettable: page || endpointHasGet(dir), actions, signedIn });
	}
	for (const e of entries) {
		if (e.isDirectory()) found.push(...routesOnDisk(path.join(dir, e.name), [...segments, e.name]));
	}
	return found;
}

/**
 * Keys of `export const actions = { … }` (one tab deep, as Prettier formats this code base), read
 * up to the object's closing brace: functions after it (a refusal's text) are not actions.
 */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const rest = source.slice(start);
	const end = rest.search(/^\};?$/m);
	const body = end < 0 ? rest : rest.slice(0, end);
	return [...body.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*[:(]/gm)].map((m) => m[1]);
}

function endpointHasGet(dir: string): boolean {
	for (const f of ['+server.ts', '+server.js']) {
		const p = path.join(dir, f);
		if (
			fs.existsSync(p) &&
			/export\s+(const|async function|function)\s+GET\b/.test(fs.readFileSync(p, 'utf8'))
		)
			return true;
	}
	return false;
}

const onDisk = routesOnDisk();
const onDiskIds = new Set(onDisk.map((r) => r.id));
const signedInRoutes = new Set(onDisk.filter((r) => r.signedIn).map((r) => r.id));

// ---------------------------------------------------------------------------------------------

test.afterAll(async () => {
	await disposeSessions();
});

test('the matrix knows every route and action on disk, and only those', () => {
	const known = new Set(GET_MATRIX.map((r) => r.route));
	const unknownGets = onDisk.filter((r) => r.gettable && !known.has(r.id)).map((r) => r.id);
	const staleGets = [...known].filter((id) => !onDiskIds.has(id));

	const knownActions = new Set([
		...DENIED_POSTS.map((p) => `${p.route} ?/${p.action}`),
		...OPEN_ACTIONS.flatMap((o) => o.actions.map((a) => `${o.route} ?/${a}`))
	]);
	const diskActions = onDisk.flatMap((r) => r.actions.map((a) => `${r.id} ?/${a}`));
	const unknownActions = diskActions.filter((a) => !knownActions.has(a));
	const staleActions = [...knownActions].filter((a) => !diskActions.includes(a));

	expect({ unknownGets, staleGets, unknownActions, staleActions }).toEqual({
		unknownGets: [],
		staleGets: [],
		unknownActions: [],
		staleActions: []
	});
});

for (const route of [...new Set(GET_MATRIX.map((r) => r.route))]) {
	test(`GET ${route}: status per role and target`, async ({ baseURL }) => {
		const t = await resolveTargets(baseURL!);
		// Before October the demo has no running year, hence no meeting to open.
		const rows = GET_MATRIX.filter(
			(r) => r.route === route && !(r.target === 'ownCellMeeting' && t.meetingId === null)
		);
		const actual: Record<string, Partial<Statuses>> = {};
		const expected: Record<string, Statuses> = {};
		const badRedirects: string[] = [];
		for (const row of rows) {
			const key = row.target ?? '(none)';
			expected[key] = row.expected;
			actual[key] = {};
			const url = urlOf(route, t, row.target);
			for (const role of ROLES) {
				const res = await getRaw(await apiAs(baseURL!, role), url);
				actual[key][role] = res.status();
				const location = res.headers()['location'];
				if (res.status() === 303 && role === 'anonymous' && signedInRoutes.has(route)) {
					const wanted = `/login?next=${encodeURIComponent(url)}`;
					if (location !== wanted) badRedirects.push(`${url} → ${location} (wanted ${wanted})`);
				}
			}
		}
		expect(actual, `GET ${route}: {target: {role: status}}`).toEqual(expected);
		expect(badRedirects, 'anonymous visitors are sent to the login page and back').toEqual([]);
	});
}

for (const check of DENIED_POSTS) {
	const title = `POST ${check.route} ?/${check.action} on ${check.target ?? '(none)'}: refused for ${check.denied.join(', ')}`;
	test(title, async ({ baseURL }) => {
		const t = await resolveTargets(baseURL!);
		const before = await snapshot(baseURL!, t, check.unchanged);
		const page = urlOf(check.route, t, check.target);
		const url =
			check.action === 'default'
				? page
				: `${page}${page.includes('?') ? '&' : '?'}/${check.action}`;
		const answers: Record<string, string> = {};
		for (const role of check.denied) {
			const ctx = await apiAs(baseURL!, role);
			const res = check.multipart
				? await ctx.post(url, {
						multipart: await check.multipart(t, baseURL!),
						maxRedirects: 0,
						headers: { accept: 'text/html' }
					})
				: await postForm(ctx, url, check.form(t));
			answers[role] = describe(res.status(), res.headers()['location']);
		}
		const wanted = Object.fromEntries(
			check.denied.map((role) => [
				role,
				role === 'anonymous' && !check.route.startsWith('/activate') ? '303 → /login' : '404 or 403'
			])
		);
		expect(answers, `POST ${url}`).toEqual(wanted);
		expect(await snapshot(baseURL!, t, check.unchanged), 'nothing changed').toEqual(before);
	});
}

function describe(status: number, location: string | undefined): string {
	if (status === 404 || status === 403) return '404 or 403';
	if (status === 303 && location?.startsWith('/login?next=')) return '303 → /login';
	return location ? `${status} → ${location}` : String(status);
}

async function snapshot(baseURL: string, t: Resolved, probes: Probe[]): Promise<string[]> {
	const texts: string[] = [];
	for (const p of probes) {
		texts.push(mainText(await getHtml(await apiAs(baseURL, p.as), p.url(t))));
	}
	return texts;
}
