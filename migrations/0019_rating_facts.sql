-- The facts the year-end rating weighs (domain/rating/facts.ts), recorded by those entitled with
-- dates and an audit row: Party discipline decided in a year, sick and maternity leave, and per
-- member and year the subject type (which self-review form), temporary party activity, the
-- competent level's conclusions and the workplace's civil-service rating. Admission, exemption and
-- suspension are already the member's statuses (0003). Events are never edited: a wrong entry is
-- withdrawn with a reason, and the withdrawal is kept.

create table member_disciplines (
	id integer generated always as identity primary key,
	member_id integer not null constraint member_disciplines_member_id_fkey references members (id),
	decided_on date not null,
	form text not null constraint member_disciplines_form_check
		check (form in ('reprimand', 'warning', 'dismissal', 'expulsion')),
	-- The violation concerned the member's duties (QĐ 366: such discipline disqualifies).
	duty_related boolean not null,
	-- The member found the fault and remedied its effects themselves (weighed by the deciding level).
	self_remedied boolean not null,
	authority text not null constraint member_disciplines_authority_check
		check (length(btrim(authority)) between 1 and 200),
	reason text not null constraint member_disciplines_reason_check
		check (length(btrim(reason)) between 1 and 1000),
	recorded_by_account_id integer not null
		constraint member_disciplines_recorded_by_fkey references accounts (id),
	recorded_at timestamptz not null default now(),
	withdrawn_at timestamptz,
	withdrawn_by_account_id integer constraint member_disciplines_withdrawn_by_fkey references accounts (id),
	withdrawn_reason text constraint member_disciplines_withdrawn_reason_check
		check (length(btrim(withdrawn_reason)) between 1 and 500),
	constraint member_disciplines_withdrawal_check check (
		(withdrawn_at is null) = (withdrawn_by_account_id is null)
		and (withdrawn_at is null) = (withdrawn_reason is null))
);

create index member_disciplines_member_idx on member_disciplines (member_id, decided_on);

create table member_leaves (
	id integer generated always as identity primary key,
	member_id integer not null constraint member_leaves_member_id_fkey references members (id),
	kind text not null constraint member_leaves_kind_check check (kind in ('sick', 'maternity')),
	starts_on date not null,
	ends_on date not null,
	note text constraint member_leaves_note_check check (length(note) <= 500),
	recorded_by_account_id integer not null
		constraint member_leaves_recorded_by_fkey references accounts (id),
	recorded_at timestamptz not null default now(),
	withdrawn_at timestamptz,
	withdrawn_by_account_id integer constraint member_leaves_withdrawn_by_fkey references accounts (id),
	withdrawn_reason text constraint member_leaves_withdrawn_reason_check
		check (length(btrim(withdrawn_reason)) between 1 and 500),
	constraint member_leaves_dates_check check (ends_on >= starts_on),
	constraint member_leaves_withdrawal_check check (
		(withdrawn_at is null) = (withdrawn_by_account_id is null)
		and (withdrawn_at is null) = (withdrawn_reason is null))
);

create index member_leaves_member_idx on member_leaves (member_id, starts_on);

-- An event row changes once, to be withdrawn; nothing else about it.
create function rating_fact_withdraw_only() returns trigger
language plpgsql as $$
begin
	if tg_op = 'DELETE' or old.withdrawn_at is not null or new.withdrawn_at is null
		or (to_jsonb(new) - 'withdrawn_at' - 'withdrawn_by_account_id' - 'withdrawn_reason')
			<> (to_jsonb(old) - 'withdrawn_at' - 'withdrawn_by_account_id' - 'withdrawn_reason') then
		raise exception 'a recorded fact is only withdrawn, once'
			using errcode = 'check_violation', constraint = tg_table_name || '_withdraw_only';
	end if;
	return new;
end;
$$;

create trigger member_disciplines_withdraw_only before update or delete on member_disciplines
	for each row execute function rating_fact_withdraw_only();
create trigger member_leaves_withdraw_only before update or delete on member_leaves
	for each row execute function rating_fact_withdraw_only();

-- Per member and review year: what the form and the rules need that is not an event.
create table member_year_facts (
	member_id integer not null constraint member_year_facts_member_id_fkey references members (id),
	year_id integer not null constraint member_year_facts_year_id_fkey references review_years (id),
	subject_type text not null constraint member_year_facts_subject_type_check
		check (subject_type in ('leader', 'non_leader', 'no_post', 'outside_political_system')),
	-- Rated at the official cell with the temporary cell's comment.
	temporary_cell text constraint member_year_facts_temporary_cell_check
		check (length(btrim(temporary_cell)) between 1 and 200),
	concluded_decline boolean not null default false,
	concluded_prohibited_breach boolean not null default false,
	-- The workplace's rating of the member as a civil servant, shown beside the proposal.
	civil_service_level text constraint member_year_facts_civil_service_check
		check (civil_service_level in ('excellent', 'good', 'fulfilled', 'not_fulfilled')),
	updated_by_account_id integer not null
		constraint member_year_facts_updated_by_fkey references accounts (id),
	updated_at timestamptz not null default now(),
	constraint member_year_facts_pkey primary key (member_id, year_id)
);
