-- Exemplary members (gương điển hình) in studying and following Hồ Chí Minh's example: the cell
-- proposes a member of its own with the reasons and the member's evidence of the year, the
-- committee above decides once, approving or declining with a reason. Both are final rows; the
-- approved ones are the year's list the year-end reports draw on.

create table exemplary_proposals (
	id integer generated always as identity primary key,
	member_id integer not null constraint exemplary_proposals_member_id_fkey references members (id),
	year_id integer not null constraint exemplary_proposals_year_id_fkey references review_years (id),
	-- The cell that proposed, as it was then: the member may move later, the proposal stays its.
	unit_id integer not null constraint exemplary_proposals_unit_id_fkey references org_units (id),
	reasons text not null constraint exemplary_proposals_reasons_check
		check (length(btrim(reasons)) between 20 and 4000),
	proposed_by_account_id integer not null
		constraint exemplary_proposals_proposed_by_fkey references accounts (id),
	proposed_at timestamptz not null default now(),
	-- One proposal per member and year: a declined one is the committee's answer for the year.
	constraint exemplary_proposals_member_year_key unique (member_id, year_id)
);

create index exemplary_proposals_year_unit_idx on exemplary_proposals (year_id, unit_id);

-- Proposed in an open year, by the cell the member belongs to today.
create function exemplary_proposals_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'exemplary_proposals_year_open_check';
	end if;
	if not exists (
		select 1 from memberships ms
		where ms.member_id = new.member_id and ms.unit_id = new.unit_id and ms.ended_on is null
	) then
		raise exception 'a cell proposes its own members'
			using errcode = 'check_violation', constraint = 'exemplary_proposals_member_check';
	end if;
	return new;
end;
$$;

create trigger exemplary_proposals_check before insert on exemplary_proposals
	for each row execute function exemplary_proposals_check();
create trigger exemplary_proposals_immutable before update or delete on exemplary_proposals
	for each row execute function refuse_change();
create trigger exemplary_proposals_no_truncate before truncate on exemplary_proposals
	for each statement execute function refuse_change();

-- The evidence a proposal points to: the member's own files of that year (from their reports).
create table exemplary_proposal_evidence (
	proposal_id integer not null
		constraint exemplary_proposal_evidence_proposal_id_fkey references exemplary_proposals (id),
	file_id integer not null
		constraint exemplary_proposal_evidence_file_id_fkey references evidence_files (id),
	constraint exemplary_proposal_evidence_pkey primary key (proposal_id, file_id)
);

create index exemplary_proposal_evidence_file_idx on exemplary_proposal_evidence (file_id);

create function exemplary_proposal_evidence_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not exists (
		select 1 from exemplary_proposals p
		join evidence_files f on f.member_id = p.member_id and f.year_id = p.year_id
		where p.id = new.proposal_id and f.id = new.file_id
	) then
		raise exception 'a proposal shows its member''s files of the year'
			using errcode = 'check_violation', constraint = 'exemplary_proposal_evidence_member_check';
	end if;
	return new;
end;
$$;

create trigger exemplary_proposal_evidence_check before insert on exemplary_proposal_evidence
	for each row execute function exemplary_proposal_evidence_check();
create trigger exemplary_proposal_evidence_immutable before update or delete on exemplary_proposal_evidence
	for each row execute function refuse_change();
create trigger exemplary_proposal_evidence_no_truncate before truncate on exemplary_proposal_evidence
	for each statement execute function refuse_change();

-- The committee's answer, once per proposal (the primary key refuses a second one).
create table exemplary_decisions (
	proposal_id integer primary key
		constraint exemplary_decisions_proposal_id_fkey references exemplary_proposals (id),
	decision text not null constraint exemplary_decisions_decision_check
		check (decision in ('approved', 'declined')),
	note text constraint exemplary_decisions_note_check check (length(note) <= 2000),
	decided_by_account_id integer not null
		constraint exemplary_decisions_decided_by_fkey references accounts (id),
	decided_at timestamptz not null default now(),
	-- Declining says why; the cell and the member read it.
	constraint exemplary_decisions_reason_required
		check (decision = 'approved' or length(btrim(note)) > 0)
);

create function exemplary_decisions_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year((select year_id from exemplary_proposals where id = new.proposal_id)) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'exemplary_decisions_year_open_check';
	end if;
	return new;
end;
$$;

create trigger exemplary_decisions_check before insert on exemplary_decisions
	for each row execute function exemplary_decisions_check();
create trigger exemplary_decisions_immutable before update or delete on exemplary_decisions
	for each row execute function refuse_change();
create trigger exemplary_decisions_no_truncate before truncate on exemplary_decisions
	for each statement execute function refuse_change();

revoke update, delete on exemplary_proposals, exemplary_proposal_evidence, exemplary_decisions
	from camket_app;
