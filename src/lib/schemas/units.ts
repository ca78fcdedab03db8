import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { UNIT_KINDS, UNIT_ROLES, type UnitKind } from '$lib/domain/roles';
import { pastOrToday, requiredText } from './fields';
import { cardNo } from './member';

const unitCode = () =>
	requiredText(32).pipe(
		z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, { error: () => m.manage_err_code_format() })
	);

const unitId = () =>
	z.coerce
		.number({ error: () => m.v_invalid_choice() })
		.int()
		.positive();

export const renameUnitSchema = z.object({
	code: unitCode(),
	name: requiredText(200).pipe(z.string().min(2))
});

export const createUnitSchema = renameUnitSchema.extend({
	kind: z.enum(UNIT_KINDS.filter((k) => k !== 'bloc') as [UnitKind, ...UnitKind[]])
});

export const moveUnitSchema = z.object({ parent_id: unitId() });

export const dissolveUnitSchema = z.object({ date: pastOrToday() });

export const mergeUnitSchema = z.object({ target_id: unitId(), date: pastOrToday() });

export const assignRoleSchema = z.object({
	role: z.enum(UNIT_ROLES),
	card_no: cardNo(),
	started_on: pastOrToday()
});

export const endRoleSchema = z.object({ assignment_id: unitId() });
