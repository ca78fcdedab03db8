-- A review year (năm đánh giá) opened by a bloc's organization department: its phases and
-- deadlines, the catalog versions and the rule set that apply. A closed year is read-only.

create table review_years (
	id integer generated always as identity primary key,
	unit_id integer not null constraint review_years_unit_id_fkey references org_units (id),
	year integer not null constraint review_years_year_check check (year between 2000 and 2100),
	-- The place written on the documents ("Hà Tĩnh, ngày … tháng … năm …").
	place text not null constraint review_years_place_check check (length(btrim(place)) between 2 and 100),
	status text not null default 'draft' constraint review_years_status_check
		check (status in ('draft', 'open', 'closed')),
	commitment_opens_on date not null,
	commitment_closes_on date not null,
	registration_opens_on date not null,
	registration_closes_on date not null,
	reporting_period text not null default 'quarterly' constraint review_years_reporting_period_check
		check (reporting_period in ('monthly', 'quarterly')),
	self_review_opens_on date not null,
	self_review_closes_on date not null,
	cell_review_opens_on date not null,
	cell_review_closes_on date not null,
	decision_deadline date not null,
	rule_set text not null default 'qd366-2025' constraint review_years_rule_set_check
		check (rule_set in ('qd366-2025', 'qd124-2023')),
	manifestations_version_id integer not null
		constraint review_years_manifestations_version_id_fkey references catalog_versions (id),
	prohibitions_version_id integer not null
		constraint review_years_prohibitions_version_id_fkey references catalog_versions (id),
	standards_version_id integer not null
		constraint review_years_standards_version_id_fkey references catalog_versions (id),
	opened_at timestamptz,
	closed_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint review_years_unit_year_key unique (unit_id, year),
	constraint review_years_commitment_window_check check (commitment_closes_on >= commitment_opens_on),
	constraint review_years_registration_window_check check (registration_closes_on >= registration_opens_on),
	constraint review_years_self_review_window_check check (self_review_closes_on >= self_review_opens_on),
	constraint review_years_cell_review_window_check check (
		cell_review_closes_on >= cell_review_opens_on and cell_review_opens_on >= self_review_opens_on),
	constraint review_years_decision_deadline_check check (decision_deadline >= cell_review_closes_on)
);

create trigger review_years_updated_at before update on review_years
	for each row execute function set_updated_at();

-- A closed year is read-only; the only change allowed is reopening it (status back to open).
create function review_years_closed_check() returns trigger
language plpgsql as $$
begin
	if old.status = 'closed' and new.status = 'closed' then
		raise exception 'the review year is closed'
			using errcode = 'check_violation', constraint = 'review_years_closed_check';
	end if;
	return new;
end;
$$;

create trigger review_years_closed_check before update on review_years
	for each row execute function review_years_closed_check();
