-- Party members, their status history and their membership of cells over time.

create table members (
	id integer generated always as identity primary key,
	card_no text not null constraint members_card_no_check check (card_no ~ '^[0-9A-Za-z.-]{4,20}$'),
	full_name text not null constraint members_full_name_check check (length(btrim(full_name)) between 2 and 120),
	birth_date date constraint members_birth_date_check check (birth_date >= '1900-01-01'),
	gender text constraint members_gender_check check (gender in ('male', 'female')),
	joined_on date,
	full_member_on date,
	party_position text constraint members_party_position_check check (length(party_position) <= 200),
	government_position text constraint members_government_position_check check (length(government_position) <= 200),
	mass_org_position text constraint members_mass_org_position_check check (length(mass_org_position) <= 200),
	workplace text constraint members_workplace_check check (length(workplace) <= 300),
	phone text constraint members_phone_check check (phone ~ '^\+?[0-9 .-]{8,20}$'),
	email text constraint members_email_check check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	search_name text generated always as (vn_fold(full_name)) stored,
	-- Vietnamese lists are ordered by given name (the last word), then by the full name.
	sort_key text generated always as (
		vn_fold(regexp_replace(btrim(full_name), '^.*\s', '')) || ' ' || vn_fold(full_name)
	) stored,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint members_card_no_key unique (card_no),
	constraint members_full_member_on_check check (full_member_on is null or joined_on is null or full_member_on >= joined_on),
	constraint members_joined_on_check check (joined_on is null or birth_date is null or joined_on > birth_date)
);

create index members_search_name_trgm_idx on members using gin (search_name gin_trgm_ops);
create index members_sort_key_idx on members (sort_key, id);

create trigger members_updated_at before update on members
	for each row execute function set_updated_at();

-- dự bị (probationary), chính thức (official), miễn công tác và sinh hoạt (exempted),
-- đình chỉ sinh hoạt (suspended). One open row per member is the current status.
create table member_statuses (
	id integer generated always as identity primary key,
	member_id integer not null constraint member_statuses_member_id_fkey references members (id),
	status text not null constraint member_statuses_status_check
		check (status in ('probationary', 'official', 'exempted', 'suspended')),
	started_on date not null,
	ended_on date,
	note text constraint member_statuses_note_check check (length(note) <= 500),
	created_at timestamptz not null default now(),
	constraint member_statuses_dates_check check (ended_on is null or ended_on >= started_on)
);

create unique index member_statuses_current_key on member_statuses (member_id) where ended_on is null;

create function member_statuses_check() returns trigger
language plpgsql as $$
begin
	if exists (
		select 1 from member_statuses s
		where s.member_id = new.member_id and s.id <> new.id
			and s.started_on < coalesce(new.ended_on, 'infinity'::date)
			and new.started_on < coalesce(s.ended_on, 'infinity'::date)
	) then
		raise exception 'status periods overlap'
			using errcode = 'check_violation', constraint = 'member_statuses_overlap_check';
	end if;
	return new;
end;
$$;

create trigger member_statuses_check before insert or update on member_statuses
	for each row execute function member_statuses_check();
create index member_statuses_member_id_idx on member_statuses (member_id, started_on);

-- A member belongs to one cell at a time; a transfer closes one row and opens the next, so the
-- history of who belonged where survives renames, moves and merges of units.
create table memberships (
	id integer generated always as identity primary key,
	member_id integer not null constraint memberships_member_id_fkey references members (id),
	unit_id integer not null constraint memberships_unit_id_fkey references org_units (id),
	started_on date not null,
	ended_on date,
	end_reason text constraint memberships_end_reason_check
		check (end_reason in ('transfer', 'transfer_out', 'unit_merged', 'unit_dissolved', 'deceased', 'expelled', 'left', 'correction')),
	created_at timestamptz not null default now(),
	constraint memberships_dates_check check (ended_on is null or ended_on >= started_on),
	constraint memberships_end_reason_required check ((ended_on is null) = (end_reason is null))
);

create unique index memberships_current_key on memberships (member_id) where ended_on is null;
create index memberships_unit_current_idx on memberships (unit_id, member_id) where ended_on is null;
create index memberships_member_id_idx on memberships (member_id, started_on);

create function memberships_check() returns trigger
language plpgsql as $$
declare
	unit_kind text;
	unit_dissolved date;
begin
	select kind, dissolved_on into unit_kind, unit_dissolved from org_units where id = new.unit_id;
	if unit_kind not in ('cell', 'grassroots_cell') then
		raise exception 'members belong to cells, not to a %', unit_kind
			using errcode = 'check_violation', constraint = 'memberships_unit_kind_check';
	end if;
	if new.ended_on is null and unit_dissolved is not null then
		raise exception 'the cell is dissolved'
			using errcode = 'check_violation', constraint = 'memberships_unit_active_check';
	end if;
	if exists (
		select 1 from memberships m
		where m.member_id = new.member_id and m.id <> new.id
			and m.started_on < coalesce(new.ended_on, 'infinity'::date)
			and new.started_on < coalesce(m.ended_on, 'infinity'::date)
	) then
		raise exception 'membership periods overlap'
			using errcode = 'check_violation', constraint = 'memberships_overlap_check';
	end if;
	return new;
end;
$$;

create trigger memberships_check before insert or update on memberships
	for each row execute function memberships_check();
