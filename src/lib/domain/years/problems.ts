// Why a change to a review year can be refused; the pages word each one (admin/years/labels.ts).
export type YearProblem =
	| 'not_found'
	| 'year_taken'
	| 'year_range'
	| 'place'
	| 'report_due_days'
	| 'window'
	| 'cell_before_self'
	| 'decision'
	| 'invalid_choice'
	| 'catalog_mismatch'
	/** The year's status no longer allows this (someone else opened or closed it meanwhile). */
	| 'conflict'
	/** `detail.count` items of the pinned catalogs are unverified and were not acknowledged. */
	| 'unverified'
	/** Pinned items with no wording; `detail` maps each catalog to the codes, e.g. "5, 6". */
	| 'unclassified';
