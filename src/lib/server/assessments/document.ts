// A member's self-review as a PDF (HD 36-HD/VPTW's layout of Party documents): the header of the
// member's cell, the form's code, the title, the body (domain/assessment/document.ts) and the
// member's signature block. Gathered from one version of the self-review and the member's record.
import {
	SELF_REVIEW_TITLE,
	selfReviewBody,
	type SelfReviewDocument
} from '$lib/domain/assessment/document';
import { todayInVietnam } from '$lib/domain/dates';
import { oneLine } from '$lib/domain/document/blocks';
import { criteriaOf } from '$lib/domain/rating/rule-set';
import { formatNumber } from '$lib/labels';
import {
	criteriaGroupLabel,
	criterionLabel,
	formCodeLabel,
	gradeLabel,
	ratingLevelLabel,
	subjectTypeLabel,
	taskResultLabel
} from '$lib/labels/rating';
import type { Db } from '../db/connect';
import {
	BODY_SIZE,
	drawBlock,
	drawPageNumbers,
	drawPartyHeader,
	ensureSpace,
	FONT,
	openPartyPdf,
	PARTY_MARGINS,
	type Column
} from '../documents/pdf-party';
import { inVietnamese } from '../documents/vietnamese';
import type { OpenSelfReview, SelfReviewVersion } from './self-review';

/** The member's record, cell and the year's place, with one version's content, in Vietnamese. */
export async function selfReviewDocument(
	db: Db,
	review: OpenSelfReview,
	v: SelfReviewVersion
): Promise<SelfReviewDocument> {
	const row = await db
		.selectFrom('members as m')
		.innerJoin('memberships as ms', (j) =>
			j.onRef('ms.member_id', '=', 'm.id').on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as c', 'c.id', 'ms.unit_id')
		.innerJoin('org_units as p', 'p.id', 'c.parent_id')
		.innerJoin('review_years as y', (j) => j.on('y.id', '=', review.year.id))
		.select([
			'm.full_name',
			'm.birth_date',
			'm.party_position',
			'm.government_position',
			'm.workplace',
			'c.name as cell',
			'p.name as superior',
			'y.place'
		])
		.where('m.id', '=', review.member.id)
		.executeTakeFirstOrThrow();
	const { ruleSet, facts } = review;
	const subject = facts.subjectType;
	const score = (code: string, max?: number) => {
		const s = v.content.scores[code];
		if (s === undefined) return '…';
		if (typeof s === 'string') return gradeLabel(s);
		return max === undefined ? formatNumber(s) : `${formatNumber(s)}/${formatNumber(max)} điểm`;
	};
	const points = (codes: string[]) =>
		codes.reduce((n, code) => n + (Number(v.content.scores[code]) || 0), 0);
	return inVietnamese(() => ({
		header: { superior: row.superior, cell: row.cell, place: row.place },
		formCode: formCodeLabel(ruleSet.forms[subject].formCode),
		subject: subjectTypeLabel(subject),
		year: review.year.year,
		version: v.version,
		submittedOn: todayInVietnam(new Date(v.submitted_at)),
		member: {
			name: row.full_name,
			birthDate: row.birth_date,
			partyPosition: row.party_position,
			governmentPosition: row.government_position,
			workplace: row.workplace
		},
		strengths: v.content.strengths,
		shortcomings: v.content.shortcomings,
		remedies: v.content.remedies,
		groups:
			ruleSet.scale === 'points'
				? ruleSet.forms[subject].groups.map((g) => ({
						name: criteriaGroupLabel(g.code),
						score: `${formatNumber(points(g.criteria.map((c) => c.code)))}/${formatNumber(
							g.criteria.reduce((n, c) => n + c.max, 0)
						)} điểm`,
						criteria: g.criteria.map((c) => ({
							name: criterionLabel(c),
							score: score(c.code, c.max)
						}))
					}))
				: [
						{
							name: 'Tiêu chí',
							score: '',
							criteria: criteriaOf(ruleSet, subject).map((c) => ({
								name: criterionLabel(c),
								score: score(c.code)
							}))
						}
					],
		total:
			ruleSet.scale === 'points'
				? `${formatNumber(points(criteriaOf(ruleSet, subject).map((c) => c.code)))}/${formatNumber(ruleSet.maxPoints)} điểm`
				: null,
		proposedLevel: ratingLevelLabel(v.content.proposedLevel),
		annex: v.content.annex.map((a) => ({ title: a.title, result: taskResultLabel(a.result) })),
		onBehalf: v.on_behalf
	}));
}

/** The space left for the handwritten signature. */
const SIGNATURE_SPACE = 56;

/** The height of the signature block: the gap above, the two lines, the space, the name. */
function signatureHeight(doc: PDFKit.PDFDocument): number {
	doc.font(FONT.bold).fontSize(BODY_SIZE);
	return 16 + 3 * doc.heightOfString('Ư') + SIGNATURE_SPACE;
}

function drawSignature({ doc, x, w }: Column, d: SelfReviewDocument): void {
	ensureSpace(doc, signatureHeight(doc));
	doc.font(FONT.bold).fontSize(BODY_SIZE);
	doc.y += 16;
	const half = w / 2;
	doc.text('NGƯỜI TỰ KIỂM ĐIỂM', x + half, doc.y, { width: half, align: 'center' });
	doc
		.font(FONT.italic)
		.text('(Ký, ghi rõ họ tên)', x + half, doc.y, { width: half, align: 'center' });
	doc.font(FONT.bold).text(oneLine(d.member.name), x + half, doc.y + SIGNATURE_SPACE, {
		width: half,
		align: 'center'
	});
	doc.x = x;
}

export async function renderSelfReviewPdf(d: SelfReviewDocument): Promise<Buffer> {
	const { doc, done } = await openPartyPdf(PARTY_MARGINS, {
		Title: `${SELF_REVIEW_TITLE} năm ${d.year} – ${oneLine(d.member.name)}`,
		Subject: d.formCode
	});
	const col: Column = {
		doc,
		x: PARTY_MARGINS.left,
		w: doc.page.width - PARTY_MARGINS.left - PARTY_MARGINS.right
	};
	// The form's code, in the top right corner above the header.
	doc
		.font(FONT.italic)
		.fontSize(11)
		.text(d.formCode, col.x, doc.y, { width: col.w, align: 'right' });
	doc.y += 4;
	drawPartyHeader(col, {
		superior: oneLine(d.header.superior),
		issuer: oneLine(d.header.cell),
		place: oneLine(d.header.place),
		date: d.submittedOn
	});
	doc
		.font(FONT.bold)
		.fontSize(15)
		.text(SELF_REVIEW_TITLE, col.x, doc.y, { align: 'center', width: col.w });
	doc.fontSize(14).text(`Năm ${d.year}`, col.x, doc.y + 2, { align: 'center', width: col.w });
	doc
		.font(FONT.italic)
		.fontSize(BODY_SIZE)
		.text(`(${d.subject})`, col.x, doc.y + 2, { align: 'center', width: col.w });
	doc.moveDown(1);
	// The note that closes an entry on the member's behalf stays with the signature.
	const signature = signatureHeight(doc);
	for (const block of selfReviewBody(d)) drawBlock(col, block, signature);
	drawSignature(col, d);
	drawPageNumbers(doc);
	doc.end();
	return done;
}
