-- The member's year-end self-review (bản kiểm điểm): each submission a final version, a new one
-- while the window is open. It keeps the rule set and the subject type it was written under, its
-- content (points per criterion, the annex of task results, strengths, shortcomings, remedies),
-- the level the member proposes, and what the rules allowed from the recorded facts at that
-- moment (the engine's evaluation), for the cell and the committee to read beside it.

create table self_reviews (
	id integer generated always as identity primary key,
	member_id integer not null constraint self_reviews_member_id_fkey references members (id),
	year_id integer not null constraint self_reviews_year_id_fkey references review_years (id),
	version integer not null constraint self_reviews_version_check check (version >= 1),
	rule_set text not null constraint self_reviews_rule_set_check
		check (rule_set in ('qd366-2025', 'qd124-2023')),
	subject_type text not null constraint self_reviews_subject_type_check
		check (subject_type in ('leader', 'non_leader', 'no_post', 'outside_political_system')),
	content jsonb not null constraint self_reviews_content_check check (jsonb_typeof(content) = 'object'),
	proposed_level text not null constraint self_reviews_proposed_level_check
		check (proposed_level in ('excellent', 'good', 'fulfilled', 'not_fulfilled')),
	evaluation jsonb,
	-- Entered by the cell for a member who cannot use the app; the member confirms it later.
	on_behalf boolean not null default false,
	submitted_by_account_id integer not null
		constraint self_reviews_submitted_by_fkey references accounts (id),
	submitted_at timestamptz not null default now(),
	constraint self_reviews_version_key unique (member_id, year_id, version)
);

-- In an open year, each version the next of the member's in that year.
create function self_reviews_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'self_reviews_year_open_check';
	end if;
	if new.version <> 1 + coalesce((select max(version) from self_reviews
		where member_id = new.member_id and year_id = new.year_id), 0) then
		raise exception 'a self-review version follows the previous one'
			using errcode = 'check_violation', constraint = 'self_reviews_version_chain_check';
	end if;
	return new;
end;
$$;

create trigger self_reviews_check before insert on self_reviews
	for each row execute function self_reviews_check();
create trigger self_reviews_immutable before update or delete on self_reviews
	for each row execute function refuse_change();
create trigger self_reviews_no_truncate before truncate on self_reviews
	for each statement execute function refuse_change();

revoke update, delete on self_reviews from camket_app;
