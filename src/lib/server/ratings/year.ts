// The review year as the rating steps need it: its windows, the decision deadline and the rule set.
import type { Db } from '../db/connect';
import type { RatingYear } from './write';

export async function findRatingYear(db: Db, yearId: number): Promise<RatingYear | undefined> {
	return db
		.selectFrom('review_years')
		.select([
			'id',
			'year',
			'status',
			'commitment_opens_on',
			'commitment_closes_on',
			'registration_opens_on',
			'registration_closes_on',
			'self_review_opens_on',
			'self_review_closes_on',
			'cell_review_opens_on',
			'cell_review_closes_on',
			'decision_deadline',
			'rule_set'
		])
		.where('id', '=', yearId)
		.executeTakeFirst();
}
