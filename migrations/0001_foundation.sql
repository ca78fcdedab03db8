-- Shared building blocks: extensions, text folding for Vietnamese search, updated_at stamps.

create extension if not exists pg_trgm;

-- Folds Vietnamese to lower-case ASCII ("Nguyễn Đức" -> "nguyen duc") so that a search typed
-- without diacritics finds names written with them. NFD splits base letters from combining marks;
-- đ/Đ is a letter of its own, not a mark, so it is mapped explicitly.
create function vn_fold(input text) returns text
language sql immutable strict parallel safe
return lower(translate(regexp_replace(normalize(input, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dD'));

create function set_updated_at() returns trigger
language plpgsql as $$
begin
	new.updated_at := now();
	return new;
end;
$$;

-- Rows that must never change once written (audit entries, signed records) use this trigger.
create function refuse_change() returns trigger
language plpgsql as $$
begin
	raise exception '% on % is not allowed: the record is immutable', tg_op, tg_table_name
		using errcode = 'insufficient_privilege', constraint = tg_table_name || '_immutable';
end;
$$;

create table app_settings (
	key text primary key,
	value jsonb not null,
	updated_at timestamptz not null default now()
);
