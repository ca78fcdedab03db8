-- Accounts, sessions (lucia-auth.com guide: id + secret, only the secret's hash is stored),
-- one-time tokens, login throttling and role assignments.

create table accounts (
	id integer generated always as identity primary key,
	member_id integer constraint accounts_member_id_fkey references members (id),
	login text not null constraint accounts_login_check check (login ~ '^[A-Za-z0-9._@-]{3,64}$'),
	display_name text not null constraint accounts_display_name_check check (length(btrim(display_name)) between 2 and 120),
	password_hash text,
	must_change_password boolean not null default true,
	locale text not null default 'vi' constraint accounts_locale_check check (locale in ('vi', 'en')),
	disabled_at timestamptz,
	password_changed_at timestamptz,
	last_login_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint accounts_member_id_key unique (member_id)
);

create unique index accounts_login_key on accounts (lower(login));

create trigger accounts_updated_at before update on accounts
	for each row execute function set_updated_at();

create table sessions (
	id text primary key,
	account_id integer not null constraint sessions_account_id_fkey references accounts (id) on delete cascade,
	secret_hash bytea not null,
	created_at timestamptz not null default now(),
	last_verified_at timestamptz not null default now()
);

create index sessions_account_id_idx on sessions (account_id);

-- Activation links and password resets: single use, short lived, stored as a hash.
create table account_tokens (
	token_hash text primary key,
	account_id integer not null constraint account_tokens_account_id_fkey references accounts (id) on delete cascade,
	purpose text not null constraint account_tokens_purpose_check check (purpose in ('activation')),
	expires_at timestamptz not null,
	used_at timestamptz,
	created_by integer constraint account_tokens_created_by_fkey references accounts (id),
	created_at timestamptz not null default now()
);

create index account_tokens_account_id_idx on account_tokens (account_id);

-- Failed-login counters per account and per client address (the address is stored hashed).
create table login_throttle (
	key text primary key,
	failures integer not null default 0,
	window_started_at timestamptz not null default now(),
	blocked_until timestamptz
);

-- Roles are assignments of an account to a unit for a period. A member's own records need no row.
create table role_assignments (
	id integer generated always as identity primary key,
	account_id integer not null constraint role_assignments_account_id_fkey references accounts (id),
	role text not null constraint role_assignments_role_check check (role in (
		'cell_secretary', 'cell_deputy_secretary', 'cell_committee_member',
		'grassroots_committee_member', 'bloc_standing_committee', 'organization_department',
		'inspection_commission', 'system_admin')),
	unit_id integer constraint role_assignments_unit_id_fkey references org_units (id),
	started_on date not null default current_date,
	ended_on date,
	created_at timestamptz not null default now(),
	constraint role_assignments_unit_check check ((role = 'system_admin') = (unit_id is null)),
	constraint role_assignments_dates_check check (ended_on is null or ended_on >= started_on)
);

create unique index role_assignments_current_key on role_assignments (account_id, role, coalesce(unit_id, 0))
	where ended_on is null;
create index role_assignments_unit_id_idx on role_assignments (unit_id) where ended_on is null;

create function role_assignments_check() returns trigger
language plpgsql as $$
declare
	unit_kind text;
begin
	if new.unit_id is null then
		return new;
	end if;
	select kind into unit_kind from org_units where id = new.unit_id;
	if not (case
		when new.role in ('cell_secretary', 'cell_deputy_secretary', 'cell_committee_member')
			then unit_kind in ('cell', 'grassroots_cell')
		when new.role = 'grassroots_committee_member' then unit_kind in ('grassroots_committee', 'partial_committee')
		else unit_kind = 'bloc'
	end) then
		raise exception 'role % does not fit a unit of kind %', new.role, unit_kind
			using errcode = 'check_violation', constraint = 'role_assignments_unit_kind_check';
	end if;
	return new;
end;
$$;

create trigger role_assignments_check before insert or update on role_assignments
	for each row execute function role_assignments_check();

-- The audit trail: written in the same transaction as the change it records, never edited.
-- unit_path is where the record lived at the time, so committees browse their subtree's history.
create table audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	actor_account_id integer constraint audit_log_actor_account_id_fkey references accounts (id),
	action text not null,
	entity_type text not null,
	entity_id text,
	unit_path text,
	changes jsonb,
	request_id text
);

create index audit_log_unit_path_idx on audit_log (unit_path text_pattern_ops, at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, at desc);
create index audit_log_actor_idx on audit_log (actor_account_id, at desc);

create trigger audit_log_immutable before update or delete on audit_log
	for each row execute function refuse_change();
