// Two profiles side by side as a semantic diff (the core's diffProfiles), e.g. the old one and its renewal.
import { useEffect, useState } from 'preact/hooks';
import { renewalOrder, type ProfileSummary } from '../../core/store';
import type { JsonValue, ProfileDiff } from '../../core/types';
import { loadCore } from '../lazy-core';
import { compareHref, navigate } from '../router';
import type { Summaries } from '../use-summaries';

export function CompareView({ a, b, summaries }: { a: string | null; b: string | null; summaries: Summaries }) {
  const decodable = summaries.profiles.filter((summary) => summary.result.profile);
  const first = decodable.find((summary) => summary.id === a);
  const second = decodable.find((summary) => summary.id === b);
  // A renewal reads left to right: the older profile (by expiry, then creation) is always "before", whichever order
  // the link named them in.
  const swapped = first !== undefined && second !== undefined && renewalOrder(first, second) > 0;
  const left = swapped ? second : first;
  const right = swapped ? first : second;
  const [diff, setDiff] = useState<ProfileDiff | null>(null);

  useEffect(() => {
    setDiff(null);
    const before = left?.result.profile;
    const after = right?.result.profile;
    if (!before || !after) return;
    let live = true;
    void loadCore().then((core) => live && setDiff(core.diffProfiles(before, after)));
    return () => {
      live = false;
    };
  }, [left, right]);

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">Compare profiles</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <ProfilePicker label="Before (older)" value={left?.id ?? a} options={decodable} onChange={(id) => navigate(compareHref(id, right?.id ?? b))} />
        <ProfilePicker label="After (renewed)" value={right?.id ?? b} options={decodable} onChange={(id) => navigate(compareHref(left?.id ?? a, id))} />
      </form>
      {left && right ? diff ? <DiffReport diff={diff} /> : <p>Comparing…</p> : <p>Pick two profiles to compare.</p>}
    </section>
  );
}

function ProfilePicker(props: {
  label: string;
  value: string | null;
  options: ProfileSummary[];
  onChange: (id: string | null) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.currentTarget.value || null)}>
        <option value="">Choose a profile</option>
        {props.options.map((summary) => (
          <option key={summary.id} value={summary.id}>
            {`${summary.result.profile?.name ?? summary.fileName} — expires ${summary.expiresAt?.slice(0, 10) ?? '?'}`}
          </option>
        ))}
      </select>
    </label>
  );
}

function DiffReport({ diff }: { diff: ProfileDiff }) {
  const empty =
    diff.changes.length +
      diff.certificatesAdded.length +
      diff.certificatesRemoved.length +
      diff.devicesAdded.length +
      diff.devicesRemoved.length +
      diff.entitlementsAdded.length +
      diff.entitlementsRemoved.length +
      diff.entitlementsChanged.length ===
    0;
  if (empty) return <p>No differences.</p>;
  return (
    <div class="diff">
      {diff.changes.length > 0 && (
        <ChangeTable title="Fields" rows={diff.changes.map((change) => [change.field, change.before, change.after])} />
      )}
      <AddedRemoved
        title="Developer certificates"
        added={diff.certificatesAdded.map((c) => `${c.commonName ?? '(no name)'} — ${c.sha256}`)}
        removed={diff.certificatesRemoved.map((c) => `${c.commonName ?? '(no name)'} — ${c.sha256}`)}
      />
      <AddedRemoved title="Devices" added={diff.devicesAdded} removed={diff.devicesRemoved} />
      <AddedRemoved
        title="Entitlements"
        added={diff.entitlementsAdded.map((e) => `${e.key} = ${show(e.value)}`)}
        removed={diff.entitlementsRemoved.map((e) => `${e.key} = ${show(e.value)}`)}
      />
      {diff.entitlementsChanged.length > 0 && (
        <ChangeTable
          title="Changed entitlements"
          rows={diff.entitlementsChanged.map((change) => [change.field, change.before, change.after])}
        />
      )}
    </div>
  );
}

function ChangeTable({ title, rows }: { title: string; rows: [string, JsonValue, JsonValue][] }) {
  return (
    <section>
      <h2>{title}</h2>
      <div class="table-scroll">
      <table class="plain">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, before, after]) => (
            <tr key={field}>
              <th scope="row" class="mono">
                {field}
              </th>
              <td class="removed">{show(before)}</td>
              <td class="added">{show(after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}

function AddedRemoved({ title, added, removed }: { title: string; added: string[]; removed: string[] }) {
  if (added.length + removed.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <ul class="changes mono">
        {added.map((line) => (
          <li key={`+${line}`} class="added">
            <span class="sign">Added:</span> {line}
          </li>
        ))}
        {removed.map((line) => (
          <li key={`-${line}`} class="removed">
            <span class="sign">Removed:</span> {line}
          </li>
        ))}
      </ul>
    </section>
  );
}

function show(value: JsonValue): string {
  if (value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
