-- Versioned catalogs that commitments quote: the 27 manifestations of decline (NQ 04-NQ/TW), the
-- 19 prohibitions (QĐ 37-QĐ/TW) and the 5 standards of revolutionary ethics (QĐ 144-QĐ/TW).
-- A version used by a signed commitment is frozen: editing it makes a new version.

create table catalog_versions (
	id integer generated always as identity primary key,
	catalog text not null constraint catalog_versions_catalog_check
		check (catalog in ('manifestations', 'prohibitions', 'standards')),
	version integer not null constraint catalog_versions_version_check check (version > 0),
	title text not null constraint catalog_versions_title_check check (length(btrim(title)) between 2 and 300),
	source text constraint catalog_versions_source_check check (length(source) <= 300),
	created_by integer constraint catalog_versions_created_by_fkey references accounts (id),
	created_at timestamptz not null default now(),
	frozen_at timestamptz,
	constraint catalog_versions_catalog_version_key unique (catalog, version)
);

-- Groups give the headings and the commitment area each item is listed under:
-- political (tư tưởng chính trị), ethics (phẩm chất đạo đức, lối sống),
-- discipline (ý thức tổ chức kỷ luật), duties (thực hiện chức trách, nhiệm vụ).
create table catalog_items (
	id integer generated always as identity primary key,
	version_id integer not null constraint catalog_items_version_id_fkey references catalog_versions (id),
	code text not null constraint catalog_items_code_check check (code ~ '^[0-9A-Za-z.]{1,10}$'),
	position integer not null,
	group_title text constraint catalog_items_group_title_check check (length(group_title) <= 300),
	area text not null constraint catalog_items_area_check
		check (area in ('political', 'ethics', 'discipline', 'duties')),
	text text not null constraint catalog_items_text_check check (length(btrim(text)) between 2 and 4000),
	verified boolean not null default false,
	constraint catalog_items_version_code_key unique (version_id, code),
	constraint catalog_items_version_position_key unique (version_id, position)
);

create function catalog_items_frozen_check() returns trigger
language plpgsql as $$
declare
	frozen timestamptz;
begin
	select frozen_at into frozen from catalog_versions
	where id = case when tg_op = 'DELETE' then old.version_id else new.version_id end;
	if frozen is not null or (tg_op = 'UPDATE' and new.version_id <> old.version_id) then
		raise exception 'catalog version is frozen: create a new version to change it'
			using errcode = 'insufficient_privilege', constraint = 'catalog_items_frozen';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger catalog_items_frozen_check before insert or update or delete on catalog_items
	for each row execute function catalog_items_frozen_check();

create function catalog_versions_frozen_check() returns trigger
language plpgsql as $$
begin
	if tg_op = 'DELETE' or (old.frozen_at is not null and (
		new.frozen_at is distinct from old.frozen_at or new.title <> old.title
		or new.source is distinct from old.source or new.catalog <> old.catalog or new.version <> old.version)) then
		raise exception 'catalog version is frozen'
			using errcode = 'insufficient_privilege', constraint = 'catalog_versions_frozen';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger catalog_versions_frozen_check before update or delete on catalog_versions
	for each row execute function catalog_versions_frozen_check();
