// The words of the commitment document that the web page and the PDF share, shaped as a Party
// document (Hướng dẫn 36-HD/VPTW): the two-level header, the date line, a heading per catalog,
// how an item that is a summary or a bare reference reads, and the confirmation block. Both
// renderings take their text from here, so the page and the paper say the same thing.
import type { CatalogName, CommitmentSnapshot, SnapshotItem } from './snapshot';

export type ItemWording = 'official' | 'summary' | 'reference';
export const REVIEWER_POSTS = [
	'cell_secretary',
	'cell_deputy_secretary',
	'grassroots_committee_member',
	'bloc_standing_committee'
] as const;
export type ReviewerPost = (typeof REVIEWER_POSTS)[number];
export const isReviewerPost = (role: string): role is ReviewerPost =>
	(REVIEWER_POSTS as readonly string[]).includes(role);
export type OnBehalfOf =
	'cell_committee' | 'cell' | 'grassroots_committee' | 'bloc_standing_committee';

/**
 * The date line: the day with a leading zero below 10, the month with one only for January and
 * February (so "tháng 01" cannot be altered into "tháng 11"), as HD 36 sets out.
 */
export function dateLine(place: string, iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	const month = m <= 2 ? `0${m}` : String(m);
	return `${place}, ngày ${String(d).padStart(2, '0')} tháng ${month} năm ${y}`;
}

/**
 * The top left of the header: the direct superior, then the issuing cell (two levels). A cell
 * under a grassroots committee answers to it; a grassroots cell answers to the bloc.
 */
export function headerUnits(header: CommitmentSnapshot['header']): {
	superior: string;
	issuer: string;
} {
	return { superior: header.grassroots ?? header.bloc, issuer: header.cell };
}

/** What the member commits to about each catalog: never to fall into, never to break, to practise. */
const CATALOG_VERB: Record<CatalogName, string> = {
	manifestations: 'Không để xảy ra',
	prohibitions: 'Không vi phạm',
	standards: 'Thực hiện'
};

/** "Không vi phạm 19 điều đảng viên không được làm (Quy định số 37-QĐ/TW …)". */
export function catalogHeading(s: CommitmentSnapshot, catalog: CatalogName): string {
	const c = s.catalogs.find((k) => k.catalog === catalog);
	const title = c ? c.title + (c.source ? ` (${c.source})` : '') : '';
	return `${CATALOG_VERB[catalog]} ${title}`.trim();
}

export const PERSONAL_HEADING = 'Cam kết của cá nhân';
export const SUMMARY_MARK = '(nội dung tóm tắt)';

/** How an item known only by its number reads: the article and its regulation. */
export function referenceText(code: string, source: string | null | undefined): string {
	return `Nội dung theo Điều ${code}${source ? ` ${source}` : ''}.`;
}

/**
 * An item's text as the member reads it, and whether it is marked as a summary. Snapshots signed
 * before items carried a wording (schema /2) show their text as it was.
 */
export function itemText(
	s: Pick<CommitmentSnapshot, 'catalogs'>,
	item: SnapshotItem
): { text: string; summary: boolean } {
	if (item.wording === 'reference' || item.text === null)
		return {
			text: referenceText(item.code, s.catalogs.find((k) => k.catalog === item.catalog)?.source),
			summary: false
		};
	return { text: item.text, summary: item.wording === 'summary' };
}

/** The positions in the identity block: the Party's and the government's, as the member has them. */
export function positions(member: CommitmentSnapshot['member']): string | null {
	const list = [member.party_position, member.government_position].filter((p) => p);
	return list.length ? list.join('; ') : null;
}

/** The body a confirmer signs for: their cell's committee (or the cell, having none), or theirs. */
export function onBehalfOf(post: ReviewerPost, cellHasCommittee: boolean): OnBehalfOf {
	switch (post) {
		case 'cell_secretary':
		case 'cell_deputy_secretary':
			return cellHasCommittee ? 'cell_committee' : 'cell';
		case 'grassroots_committee_member':
			return 'grassroots_committee';
		case 'bloc_standing_committee':
			return 'bloc_standing_committee';
	}
}

const ON_BEHALF: Record<OnBehalfOf, string> = {
	cell_committee: 'T/M CHI ỦY',
	cell: 'T/M CHI BỘ',
	grassroots_committee: 'T/M ĐẢNG ỦY',
	bloc_standing_committee: 'T/M BAN THƯỜNG VỤ'
};

const POST: Record<ReviewerPost, string> = {
	cell_secretary: 'BÍ THƯ',
	cell_deputy_secretary: 'PHÓ BÍ THƯ',
	grassroots_committee_member: 'ĐẢNG ỦY VIÊN',
	bloc_standing_committee: 'ỦY VIÊN BAN THƯỜNG VỤ'
};

/**
 * The confirmation block's lines above the name: "T/M CHI ỦY" and the post, once someone has
 * confirmed on the body's behalf; a review recorded before posts were kept has neither.
 */
export function confirmationLines(review: {
	onBehalfOf: OnBehalfOf | null;
	post: ReviewerPost | null;
}): string[] {
	return [
		review.onBehalfOf ? ON_BEHALF[review.onBehalfOf] : null,
		review.post ? POST[review.post] : null
	].filter((l): l is string => l !== null);
}

export const CONFIRMATION_TITLE = 'XÁC NHẬN CỦA CHI ỦY (CHI BỘ)';
