// Every stored profile, soonest expiry first: search, filter, multi-select, delete, export. The table is windowed
// (components/VirtualTable) and rows are derived once per library change, so 10,000 profiles stay responsive.
import { useMemo, useState } from 'preact/hooks';
import { useMediaQuery } from '../use-media-query';
import type { ProfileType } from '../../core/types';
import { useAppContext } from '../app-context';
import { DateText, DaysLeft } from '../components/DateText';
import { StatusBadge } from '../components/StatusBadge';
import { VirtualTable } from '../components/VirtualTable';
import { exportResults, type ExportFormat } from '../exports';
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  filterRows,
  SORT_LABEL,
  sortRows,
  STATUS_LABEL,
  teamsOf,
  toRows,
  TYPE_LABEL,
  type LibraryFilter,
  type LibraryRow,
  type ProfileStatus,
  type Sort,
  type SortKey,
} from '../library-model';
import { profileHref } from '../router';
import type { Summaries } from '../use-summaries';

const ROW_HEIGHT = 44;
/** Below the breakpoint each row is a two-line card (styles.css, .virtual at max-width 50rem): status and days, then
 *  the name across the full width, so the name is never squeezed to nothing. */
const CARD_HEIGHT = 64;
const NARROW = '(max-width: 50rem)';
const COLUMNS = 9;

export function LibraryView({ summaries }: { summaries: Summaries }) {
  const { library, settings, announce } = useAppContext();
  const [filter, setFilter] = useState<LibraryFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const narrow = useMediaQuery(NARROW);

  const rows = useMemo(() => toRows(summaries.profiles, new Date(), settings.warnDays), [summaries.profiles, settings.warnDays]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const teams = useMemo(() => teamsOf(rows), [rows]);
  const chosen = shown.filter((row) => selected.has(row.id));
  const targets = chosen.length > 0 ? chosen : shown;
  const allShownSelected = shown.length > 0 && chosen.length === shown.length;

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const toggleAll = () => setSelected(allShownSelected ? new Set() : new Set(shown.map((row) => row.id)));

  const remove = async () => {
    const ids = chosen.map((row) => row.id);
    setConfirmingDelete(false);
    await library.deleteProfiles(ids);
    setSelected(new Set());
    announce(`Deleted ${ids.length} profile${ids.length === 1 ? '' : 's'}.`);
  };

  const exportAs = async (format: ExportFormat) => {
    const ids = new Set(targets.map((row) => row.id));
    const results = summaries.profiles.filter((summary) => ids.has(summary.id)).map((summary) => summary.result);
    announce(await exportResults(format, results, settings));
  };

  if (summaries.error) return <p role="alert">The library could not be read: {summaries.error}</p>;
  if (summaries.loaded && rows.length === 0) return <EmptyLibrary />;

  return (
    <section aria-labelledby="library-title">
      <h1 id="library-title">Library</h1>
      <Filters filter={filter} teams={teams} onChange={setFilter} sort={sort} onSort={setSort} />
      <div class="toolbar">
        <p class="count" aria-live="polite">
          {countText(shown.length, rows.length, summaries.complete)}
          {chosen.length > 0 && `, ${chosen.length} selected`}
        </p>
        <span class="toolbar-actions">
          {(['csv', 'ics', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              class="secondary"
              // "All shown" must mean all: until the rest is read, only a selection can be exported.
              disabled={targets.length === 0 || (chosen.length === 0 && !summaries.complete)}
              onClick={() => void exportAs(format)}>
              {`Export ${format === 'ics' ? '.ics' : format.toUpperCase()}`}
              <span class="visually-hidden">{chosen.length > 0 ? ' (selected profiles)' : ' (all shown profiles)'}</span>
            </button>
          ))}
          {confirmingDelete ? (
            <>
              <button type="button" class="danger" onClick={() => void remove()}>
                {`Confirm: delete ${chosen.length}`}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirmingDelete(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="danger" disabled={chosen.length === 0} onClick={() => setConfirmingDelete(true)}>
              Delete selected
            </button>
          )}
        </span>
      </div>
      <VirtualTable
        rows={shown}
        rowHeight={narrow ? CARD_HEIGHT : ROW_HEIGHT}
        columns={COLUMNS}
        label={`Stored profiles, by ${SORT_LABEL[sort.key].toLowerCase()}${sort.descending ? ', descending' : ''}`}
        header={<Header allSelected={allShownSelected} onToggleAll={toggleAll} sort={sort} onSort={setSort} />}
        renderRow={(row, index) => (
          <Row key={row.id} row={row} index={index} selected={selected.has(row.id)} onToggle={() => toggle(row.id)} />
        )}
      />
    </section>
  );
}

/** While only the first page is read, the numbers are a lower bound and say so (also to screen readers). */
export function countText(shown: number, total: number, complete: boolean): string {
  if (complete) return `${shown} of ${total} profiles shown`;
  return `${shown} of the first ${total} profiles shown; still loading the rest of the library…`;
}

function EmptyLibrary() {
  return (
    <section aria-labelledby="library-title" class="empty">
      <h1 id="library-title">Library</h1>
      <p>No profiles stored yet.</p>
      <p>
        <a class="button" href="#/import">
          Import profiles or apps
        </a>{' '}
        or <a href="#/sample">try a sample</a> (a synthetic profile signed by a test CA, not by Apple).
      </p>
    </section>
  );
}

const SORTABLE: readonly [SortKey, string][] = [
  ['status', 'col-status'],
  ['name', 'col-name'],
  ['type', 'col-type'],
  ['appId', 'col-app'],
  ['team', 'col-team'],
  ['expiresAt', 'col-date'],
];

function Header({
  allSelected,
  onToggleAll,
  sort,
  onSort,
}: {
  allSelected: boolean;
  onToggleAll: () => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const column = (key: SortKey, className: string, label = SORT_LABEL[key]) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" class={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button type="button" class="sort" onClick={() => onSort({ key, descending: active && !sort.descending })}>
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <tr aria-rowindex={1}>
      <th scope="col" class="col-select">
        <input type="checkbox" checked={allSelected} onChange={onToggleAll} aria-label="Select all shown profiles" />
      </th>
      {SORTABLE.map(([key, className]) => column(key, className))}
      {column('expiresAt', 'col-days', 'Days left')}
      {column('findings', 'col-findings')}
    </tr>
  );
}

function Row({ row, index, selected, onToggle }: { row: LibraryRow; index: number; selected: boolean; onToggle: () => void }) {
  return (
    <tr aria-rowindex={index} class={selected ? 'selected' : undefined} data-id={row.id}>
      <td>
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${row.name}`} />
      </td>
      <td class="cell-status">
        <StatusBadge status={row.status} />
      </td>
      <td class="truncate cell-name" title={`${row.name} — ${row.fileName}`}>
        <a href={profileHref(row.id)}>{row.name}</a>
        {row.fromApp && <span class="tag">from app</span>}
        {row.copyOf && <span class="tag">{`${STATUS_LABEL[row.status].toLowerCase()} copy`}</span>}
      </td>
      <td class="cell-type">{row.type ? TYPE_LABEL[row.type] : '—'}</td>
      <td class="truncate mono cell-app" title={row.appId}>
        {row.appId || '—'}
      </td>
      <td class="truncate cell-team" title={row.teamId}>
        {row.teamName || row.teamId || '—'}
      </td>
      <td class="cell-date">
        <DateText iso={row.expiresAt} />
      </td>
      <td class="num cell-days">
        <DaysLeft days={row.daysLeft} ended={row.ended} />
      </td>
      <td class="num cell-findings">{row.findingsCount}</td>
    </tr>
  );
}

function Filters({
  filter,
  teams,
  onChange,
  sort,
  onSort,
}: {
  filter: LibraryFilter;
  teams: { teamId: string; label: string }[];
  onChange: (filter: LibraryFilter) => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  return (
    <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <label>
        Search
        <input
          type="search"
          value={filter.query}
          placeholder="name, app ID, team, UUID"
          onInput={(event) => onChange({ ...filter, query: event.currentTarget.value })}
        />
      </label>
      <FilterSelect
        label="Team"
        allLabel="All teams"
        value={filter.teamId}
        options={teams.map((team) => [team.teamId, team.label])}
        onChange={(teamId) => onChange({ ...filter, teamId })}
      />
      <FilterSelect
        label="Type"
        allLabel="All types"
        value={filter.type}
        options={Object.entries(TYPE_LABEL)}
        onChange={(type) => onChange({ ...filter, type: type as ProfileType | '' })}
      />
      <FilterSelect
        label="Status"
        allLabel="All statuses"
        value={filter.status}
        options={Object.entries(STATUS_LABEL)}
        onChange={(status) => onChange({ ...filter, status: status as ProfileStatus | '' })}
      />
      {/* The same order as the column headers, reachable where the headers are hidden (cards on a phone). */}
      <label>
        Sort by
        <select
          value={`${sort.key}:${sort.descending ? 'desc' : 'asc'}`}
          onChange={(event) => {
            const [key, direction] = event.currentTarget.value.split(':');
            onSort({ key: key as SortKey, descending: direction === 'desc' });
          }}>
          {(Object.entries(SORT_LABEL) as [SortKey, string][]).flatMap(([key, label]) => [
            <option key={`${key}:asc`} value={`${key}:asc`}>{`${label}, ascending`}</option>,
            <option key={`${key}:desc`} value={`${key}:desc`}>{`${label}, descending`}</option>,
          ])}
        </select>
      </label>
    </form>
  );
}

function FilterSelect(props: {
  label: string;
  allLabel: string;
  value: string;
  options: [value: string, label: string][];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{props.allLabel}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
