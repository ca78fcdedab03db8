-- The year-end rating after the self-reviews: the cell's proposal for each member at its year-end
-- meeting (a comment, the level, the vote), the grassroots organization's decision for each member
-- (within the rules' ceiling unless a written reason overrides it), and its approval of the whole
-- organization's ratings, which publishes them. The bloc may re-rate or cancel an approved rating
-- with a reason. Every row is final: a change is the next version, so two people deciding at once
-- meet on the version key and the second is told.

create table cell_rating_proposals (
	id integer generated always as identity primary key,
	member_id integer not null constraint cell_rating_proposals_member_id_fkey references members (id),
	year_id integer not null constraint cell_rating_proposals_year_id_fkey references review_years (id),
	-- The cell that proposed, as it was then.
	unit_id integer not null constraint cell_rating_proposals_unit_id_fkey references org_units (id),
	version integer not null constraint cell_rating_proposals_version_check check (version >= 1),
	level text not null constraint cell_rating_proposals_level_check
		check (level in ('excellent', 'good', 'fulfilled', 'not_fulfilled')),
	comment text not null constraint cell_rating_proposals_comment_check
		check (length(btrim(comment)) between 1 and 4000),
	votes_agree integer not null,
	votes_present integer not null,
	votes_total integer not null,
	proposed_by_account_id integer not null
		constraint cell_rating_proposals_proposed_by_fkey references accounts (id),
	proposed_at timestamptz not null default now(),
	constraint cell_rating_proposals_votes_check
		check (votes_agree >= 0 and votes_agree <= votes_present and votes_present <= votes_total
			and votes_total >= 1),
	constraint cell_rating_proposals_version_key unique (member_id, year_id, version)
);

create index cell_rating_proposals_year_unit_idx on cell_rating_proposals (year_id, unit_id);

create function cell_rating_proposals_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'cell_rating_proposals_year_open_check';
	end if;
	if not exists (
		select 1 from memberships ms
		where ms.member_id = new.member_id and ms.unit_id = new.unit_id and ms.ended_on is null
	) then
		raise exception 'a cell proposes for its own members'
			using errcode = 'check_violation', constraint = 'cell_rating_proposals_member_check';
	end if;
	if new.version <> 1 + coalesce((select max(version) from cell_rating_proposals
		where member_id = new.member_id and year_id = new.year_id), 0) then
		raise exception 'a proposal version follows the previous one'
			using errcode = 'check_violation', constraint = 'cell_rating_proposals_version_chain_check';
	end if;
	return new;
end;
$$;

create trigger cell_rating_proposals_check before insert on cell_rating_proposals
	for each row execute function cell_rating_proposals_check();
create trigger cell_rating_proposals_immutable before update or delete on cell_rating_proposals
	for each row execute function refuse_change();
create trigger cell_rating_proposals_no_truncate before truncate on cell_rating_proposals
	for each statement execute function refuse_change();

-- One approval per grassroots organization and year: it publishes the organization's ratings and
-- keeps the quota as it was checked.
create table rating_approvals (
	unit_id integer not null constraint rating_approvals_unit_id_fkey references org_units (id),
	year_id integer not null constraint rating_approvals_year_id_fkey references review_years (id),
	quota jsonb not null constraint rating_approvals_quota_check check (jsonb_typeof(quota) = 'object'),
	approved_by_account_id integer not null
		constraint rating_approvals_approved_by_fkey references accounts (id),
	approved_at timestamptz not null default now(),
	constraint rating_approvals_pkey primary key (unit_id, year_id)
);

create function rating_approvals_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'rating_approvals_year_open_check';
	end if;
	return new;
end;
$$;

create trigger rating_approvals_check before insert on rating_approvals
	for each row execute function rating_approvals_check();
create trigger rating_approvals_immutable before update or delete on rating_approvals
	for each row execute function refuse_change();
create trigger rating_approvals_no_truncate before truncate on rating_approvals
	for each statement execute function refuse_change();

create table rating_decisions (
	id integer generated always as identity primary key,
	member_id integer not null constraint rating_decisions_member_id_fkey references members (id),
	year_id integer not null constraint rating_decisions_year_id_fkey references review_years (id),
	-- The grassroots organization whose decision it is (the quota's group by default).
	unit_id integer not null constraint rating_decisions_unit_id_fkey references org_units (id),
	version integer not null constraint rating_decisions_version_check check (version >= 1),
	-- 'decided' by the organization before its approval; 'rerated' or 'cancelled' by the bloc after.
	kind text not null constraint rating_decisions_kind_check
		check (kind in ('decided', 'rerated', 'cancelled')),
	level text constraint rating_decisions_level_check
		check (level in ('excellent', 'good', 'fulfilled', 'not_fulfilled')),
	-- The highest level the rules allowed when it was decided; null when they did not say.
	ceiling text constraint rating_decisions_ceiling_check
		check (ceiling in ('excellent', 'good', 'fulfilled', 'not_fulfilled')),
	-- Why a level above the ceiling, or why the bloc re-rated or cancelled.
	reason text constraint rating_decisions_reason_length_check check (length(reason) <= 2000),
	decided_by_account_id integer not null
		constraint rating_decisions_decided_by_fkey references accounts (id),
	decided_at timestamptz not null default now(),
	constraint rating_decisions_level_kind_check check ((level is null) = (kind = 'cancelled')),
	-- (A NULL reason must fail these checks, not pass them as unknown.)
	constraint rating_decisions_reason_check
		check (kind = 'decided' or coalesce(length(btrim(reason)), 0) > 0),
	-- Above the rules' ceiling only with a written reason (levels best first).
	constraint rating_decisions_override_check
		check (level is null or ceiling is null or coalesce(length(btrim(reason)), 0) > 0
			or array_position(array['excellent', 'good', 'fulfilled', 'not_fulfilled'], level)
				>= array_position(array['excellent', 'good', 'fulfilled', 'not_fulfilled'], ceiling)),
	constraint rating_decisions_version_key unique (member_id, year_id, version)
);

create index rating_decisions_year_unit_idx on rating_decisions (year_id, unit_id);

-- The organization's own decisions until it approves them, the bloc's after. The organization's
-- row is locked first, as the approval locks it, so a decision and an approval do not cross.
create function rating_decisions_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'rating_decisions_year_open_check';
	end if;
	perform 1 from org_units where id = new.unit_id for share;
	if (new.kind = 'decided') = exists (
		select 1 from rating_approvals a where a.unit_id = new.unit_id and a.year_id = new.year_id
	) then
		raise exception 'the organization decides before its approval, the bloc re-rates after'
			using errcode = 'check_violation', constraint = 'rating_decisions_approved_check';
	end if;
	if new.version <> 1 + coalesce((select max(version) from rating_decisions
		where member_id = new.member_id and year_id = new.year_id), 0) then
		raise exception 'a decision version follows the previous one'
			using errcode = 'check_violation', constraint = 'rating_decisions_version_chain_check';
	end if;
	return new;
end;
$$;

create trigger rating_decisions_check before insert on rating_decisions
	for each row execute function rating_decisions_check();
create trigger rating_decisions_immutable before update or delete on rating_decisions
	for each row execute function refuse_change();
create trigger rating_decisions_no_truncate before truncate on rating_decisions
	for each statement execute function refuse_change();

revoke update, delete on cell_rating_proposals, rating_approvals, rating_decisions from camket_app;
