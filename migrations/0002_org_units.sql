-- The organization tree. `path` holds the ids from the root down ('/1/5/23/'), so a subtree is one
-- indexed prefix match; triggers keep it right when a unit is created or moved.

create table org_units (
	id integer generated always as identity primary key,
	parent_id integer constraint org_units_parent_id_fkey references org_units (id),
	kind text not null constraint org_units_kind_check
		check (kind in ('bloc', 'grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell')),
	code text not null constraint org_units_code_check check (code ~ '^[A-Za-z0-9._-]{1,32}$'),
	name text not null constraint org_units_name_check check (length(btrim(name)) between 2 and 200),
	path text not null default '',
	depth smallint not null default 0,
	dissolved_on date,
	merged_into_id integer constraint org_units_merged_into_id_fkey references org_units (id),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint org_units_code_key unique (code),
	constraint org_units_merged_check check (merged_into_id is null or dissolved_on is not null)
);

create index org_units_path_idx on org_units (path text_pattern_ops);
create index org_units_parent_id_idx on org_units (parent_id);

-- Which kind of unit may sit under which (Điều lệ Đảng, art. 21 and 24).
create function org_units_parent_kind_ok(child text, parent text) returns boolean
language sql immutable
return case child
	when 'bloc' then parent is null or parent = 'bloc'
	when 'grassroots_committee' then parent = 'bloc'
	when 'grassroots_cell' then parent = 'bloc'
	when 'partial_committee' then parent = 'grassroots_committee'
	when 'cell' then parent in ('grassroots_committee', 'partial_committee')
	else false
end;

create function org_units_place() returns trigger
language plpgsql as $$
declare
	parent_row org_units%rowtype;
begin
	if new.parent_id is null then
		new.path := '/' || new.id || '/';
		new.depth := 0;
	else
		select * into parent_row from org_units where id = new.parent_id;
		if parent_row.path like '%/' || new.id || '/%' then
			raise exception 'a unit cannot be moved under itself'
				using errcode = 'check_violation', constraint = 'org_units_cycle_check';
		end if;
		if parent_row.dissolved_on is not null then
			raise exception 'the parent unit is dissolved'
				using errcode = 'check_violation', constraint = 'org_units_parent_active_check';
		end if;
		new.path := parent_row.path || new.id || '/';
		new.depth := parent_row.depth + 1;
	end if;
	if not coalesce(org_units_parent_kind_ok(new.kind, parent_row.kind), false) then
		raise exception 'a % cannot be placed under a %', new.kind, coalesce(parent_row.kind, 'nothing')
			using errcode = 'check_violation', constraint = 'org_units_parent_kind_check';
	end if;
	return new;
end;
$$;

create trigger org_units_place before insert or update of parent_id, kind on org_units
	for each row execute function org_units_place();

-- Moving a unit moves its whole subtree in one set-based statement.
create function org_units_move_subtree() returns trigger
language plpgsql as $$
begin
	if new.path <> old.path then
		update org_units
		set path = new.path || substr(path, length(old.path) + 1),
			depth = depth + (new.depth - old.depth)
		where path like old.path || '_%';
	end if;
	return null;
end;
$$;

create trigger org_units_move_subtree after update of parent_id on org_units
	for each row execute function org_units_move_subtree();

create trigger org_units_updated_at before update on org_units
	for each row execute function set_updated_at();
