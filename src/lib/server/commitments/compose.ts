// Everything a commitment shows, gathered for one member and year: the document header from the
// member's cell, the identity block from their record, the catalog texts the year pins, and the
// member's own items. Signing turns exactly this into the snapshot.
import {
	AREA_ORDER,
	buildSnapshot,
	type AreaCode,
	type CatalogInput,
	type CommitmentSnapshot,
	type SnapshotHeader,
	type SnapshotMember
} from '$lib/domain/commitment/snapshot';
import { loadCatalogs } from '../catalogs/read';
import type { Db } from '../db/connect';
import { findCurrentCell, unitAncestors } from '../members/read';
import type { ReviewYear } from '../years/read';

export interface Composition {
	year: number;
	cell: { id: number; path: string };
	header: Omit<SnapshotHeader, 'date'>;
	member: SnapshotMember;
	catalogs: CatalogInput[];
}

export async function compose(
	db: Db,
	memberId: number,
	year: ReviewYear
): Promise<Composition | undefined> {
	const cell = await findCurrentCell(db, memberId);
	if (!cell) return undefined;
	const [ancestors, member, catalogs] = await Promise.all([
		unitAncestors(db, cell.path),
		db
			.selectFrom('members')
			.select([
				'full_name',
				'card_no',
				'birth_date',
				'gender',
				'joined_on',
				'full_member_on',
				'party_position',
				'government_position',
				'workplace'
			])
			.where('id', '=', memberId)
			.executeTakeFirstOrThrow(),
		loadCatalogs(db, [
			year.manifestations_version_id,
			year.prohibitions_version_id,
			year.standards_version_id
		])
	]);
	const bloc = ancestors.find((a) => a.kind === 'bloc') ?? ancestors[0];
	const grassroots = ancestors.find((a) => a.kind === 'grassroots_committee');
	return {
		year: year.year,
		cell: { id: cell.id, path: cell.path },
		header: {
			bloc: bloc.name,
			grassroots: grassroots?.name ?? null,
			cell: cell.name,
			place: year.place
		},
		member: {
			...member,
			gender: member.gender === 'male' || member.gender === 'female' ? member.gender : null
		},
		catalogs
	};
}

/** Personal items as stored in a draft ({area: string[]}); anything else is ignored. */
export function personalItems(stored: unknown): Record<AreaCode, string[]> {
	const source = (stored ?? {}) as Record<string, unknown>;
	const out = {} as Record<AreaCode, string[]>;
	for (const area of AREA_ORDER) {
		const list = source[area];
		out[area] = Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
	}
	return out;
}

export function snapshotOf(
	c: Composition,
	personal: Record<AreaCode, string[]>,
	typedName: string,
	date: string
): CommitmentSnapshot {
	return buildSnapshot({
		year: c.year,
		header: { ...c.header, date },
		member: c.member,
		catalogs: c.catalogs,
		personal,
		typed_name: typedName
	});
}
