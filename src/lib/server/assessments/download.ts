// A self-review's PDF as a download: one version (?version=, else the latest) of the review.
import { error } from '@sveltejs/kit';
import { downloadResponse } from '../http/download';
import { renderSelfReviewPdf, selfReviewDocument } from './document';
import type { OpenSelfReview } from './self-review';
import type { Db } from '../db/connect';

export async function selfReviewPdf(
	db: Db,
	review: OpenSelfReview,
	versionParam: string | null
): Promise<Response> {
	const wanted = versionParam === null ? review.versions[0]?.version : Number(versionParam);
	const version = review.versions.find((v) => v.version === wanted);
	if (!version) error(404);
	const body = await renderSelfReviewPdf(await selfReviewDocument(db, review, version));
	return downloadResponse(
		body,
		'application/pdf',
		`ban-kiem-diem-${review.year.year}-${review.member.id}-v${version.version}.pdf`
	);
}
