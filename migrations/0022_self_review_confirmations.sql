-- A self-review the cell entered on a member's behalf, confirmed by the member when they can: one
-- final row per confirmed version, by the member's own account.

create table self_review_confirmations (
	member_id integer not null,
	year_id integer not null,
	version integer not null,
	confirmed_by_account_id integer not null
		constraint self_review_confirmations_confirmed_by_fkey references accounts (id),
	confirmed_at timestamptz not null default now(),
	constraint self_review_confirmations_pkey primary key (member_id, year_id, version),
	constraint self_review_confirmations_version_fkey foreign key (member_id, year_id, version)
		references self_reviews (member_id, year_id, version)
);

create function self_review_confirmations_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not exists (
		select 1 from self_reviews s
		where s.member_id = new.member_id and s.year_id = new.year_id and s.version = new.version
			and s.on_behalf
	) then
		raise exception 'only a version entered on the member''s behalf is confirmed'
			using errcode = 'check_violation', constraint = 'self_review_confirmations_on_behalf_check';
	end if;
	if not exists (
		select 1 from accounts a where a.id = new.confirmed_by_account_id and a.member_id = new.member_id
	) then
		raise exception 'the member confirms their own self-review'
			using errcode = 'check_violation', constraint = 'self_review_confirmations_member_check';
	end if;
	return new;
end;
$$;

create trigger self_review_confirmations_check before insert on self_review_confirmations
	for each row execute function self_review_confirmations_check();
create trigger self_review_confirmations_immutable before update or delete on self_review_confirmations
	for each row execute function refuse_change();
create trigger self_review_confirmations_no_truncate before truncate on self_review_confirmations
	for each statement execute function refuse_change();

revoke update, delete on self_review_confirmations from camket_app;
