// Two profiles side by side as a semantic diff (the core's diffProfiles), e.g. the old one and its renewal. It reads
// like a renewal review: fields by the names readers use, dates and types as every other screen shows them,
// certificates with their expiry, the signatures side by side, and devices as counts with only the changes listed.
import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { renewalOrder, type ProfileSummary } from '../../core/store';
import type { CertificateChange, EntitlementChange, FieldChange, JsonValue, ProfileDiff, SignatureStatus } from '../../core/types';
import { useAppContext } from '../app-context';
import { DateText } from '../components/DateText';
import { SIGNATURE_LABEL } from '../components/SignatureVerdict';
import { TYPE_LABEL } from '../library-model';
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
    const before = left?.result;
    const after = right?.result;
    if (!before?.profile || !after?.profile) return;
    const [older, newer] = [before.profile, after.profile];
    const signatures = { before: before.signature, after: after.signature };
    let live = true;
    void loadCore().then((core) => live && setDiff(core.diffProfiles(older, newer, signatures)));
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

/** Beyond this many changed devices the list folds away: the counts are the news, the UDIDs the appendix. */
const DEVICES_SHOWN = 6;

function DiffReport({ diff }: { diff: ProfileDiff }) {
  const signatureChanges = diff.signature?.changes ?? [];
  const empty =
    diff.changes.length +
      signatureChanges.length +
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
      {diff.changes.length > 0 && <ChangeTable title="Profile" rows={diff.changes.map(fieldRow)} />}
      {diff.signature && <SignatureTable diff={diff} />}
      <AddedRemoved
        title="Developer certificates"
        added={diff.certificatesAdded.map(certificateLine)}
        removed={diff.certificatesRemoved.map(certificateLine)}
      />
      <DeviceChanges diff={diff} />
      <AddedRemoved
        title="Entitlements"
        added={diff.entitlementsAdded.map(entitlementLine)}
        removed={diff.entitlementsRemoved.map(entitlementLine)}
      />
      {diff.entitlementsChanged.length > 0 && (
        <ChangeTable title="Changed entitlements" rows={diff.entitlementsChanged.map(entitlementRow)} />
      )}
    </div>
  );
}

interface Row {
  key: string;
  label: ComponentChild;
  before: ComponentChild;
  after: ComponentChild;
  changed: boolean;
}

function fieldRow(change: FieldChange): Row {
  return {
    key: change.field,
    label: change.label ?? change.field,
    before: showField(change.field, change.before),
    after: showField(change.field, change.after),
    changed: true,
  };
}

function entitlementRow(change: FieldChange): Row {
  return {
    key: change.field,
    label: <EntitlementName entitlement={{ key: change.field, explanation: change.explanation ?? null }} />,
    before: show(change.before),
    after: show(change.after),
    changed: true,
  };
}

/** Status, signer and signing time of both sides, every row shown: "valid → valid" is itself the reassurance. */
function SignatureTable({ diff }: { diff: ProfileDiff }) {
  const { before, after, changes } = diff.signature ?? { before: null, after: null, changes: [] };
  const changed = new Set(changes.map((change) => change.field));
  const status = (value: SignatureStatus | undefined) => (value ? SIGNATURE_LABEL[value] : 'No signature');
  const rows: Row[] = [
    { key: 'status', label: 'Signature', before: status(before?.status), after: status(after?.status), changed: changed.has('status') },
    { key: 'signer', label: 'Signed by', before: show(before?.signer ?? null), after: show(after?.signer ?? null), changed: changed.has('signer') },
    {
      key: 'signedAt',
      label: 'Signed at',
      before: <DateText iso={before?.signedAt} />,
      after: <DateText iso={after?.signedAt} />,
      changed: changed.has('signedAt'),
    },
  ];
  return <ChangeTable title="Signature" rows={rows} />;
}

function ChangeTable({ title, rows }: { title: string; rows: Row[] }) {
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
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td class={row.changed ? 'removed' : undefined}>{row.before}</td>
              <td class={row.changed ? 'added' : undefined}>{row.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}

interface Line {
  key: string;
  content: ComponentChild;
}

function certificateLine(certificate: CertificateChange): Line {
  return {
    key: certificate.sha256,
    content: (
      <>
        {certificate.commonName ?? '(no name)'}
        {certificate.notAfter && (
          <>
            {', expires '}
            <DateText iso={certificate.notAfter} />
          </>
        )}
        {' — SHA-256 '}
        <span class="mono">{certificate.sha256}</span>
      </>
    ),
  };
}

function entitlementLine(entitlement: EntitlementChange): Line {
  return {
    key: entitlement.key,
    content: (
      <>
        <EntitlementName entitlement={{ key: entitlement.key, explanation: entitlement.explanation ?? null }} />
        {' = '}
        <span class="mono">{show(entitlement.value)}</span>
      </>
    ),
  };
}

function EntitlementName({ entitlement }: { entitlement: { key: string; explanation: string | null } }) {
  return (
    <>
      <span class="mono">{entitlement.key}</span>
      {entitlement.explanation && <span class="muted">{` (${entitlement.explanation})`}</span>}
    </>
  );
}

/** Counts first; the added and removed UDIDs listed, folded behind a <details> when there are more than a handful. */
function DeviceChanges({ diff }: { diff: ProfileDiff }) {
  const { settings } = useAppContext();
  const counts = diff.deviceCounts;
  const total = diff.devicesAdded.length + diff.devicesRemoved.length;
  if (total === 0) return null;
  const udid = (value: string) => (settings.hideUdids ? '•••••••• hidden ••••••••' : value);
  const list = (
    <ul class="changes mono">
      {diff.devicesAdded.map((device) => (
        <li key={`+${device}`} class="added">
          <span class="sign">Added:</span> {udid(device)}
        </li>
      ))}
      {diff.devicesRemoved.map((device) => (
        <li key={`-${device}`} class="removed">
          <span class="sign">Removed:</span> {udid(device)}
        </li>
      ))}
    </ul>
  );
  return (
    <section>
      <h2>Devices</h2>
      <p class="device-counts">
        {counts && `${counts.before} → ${counts.after} devices: `}
        {`${diff.devicesAdded.length} added, ${diff.devicesRemoved.length} removed.`}
      </p>
      {total > DEVICES_SHOWN ? (
        <details>
          <summary>{`Show the ${total} changed devices`}</summary>
          {list}
        </details>
      ) : (
        list
      )}
    </section>
  );
}

function AddedRemoved({ title, added, removed }: { title: string; added: Line[]; removed: Line[] }) {
  if (added.length + removed.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <ul class="changes">
        {added.map((line) => (
          <li key={`+${line.key}`} class="added">
            <span class="sign">Added:</span> {line.content}
          </li>
        ))}
        {removed.map((line) => (
          <li key={`-${line.key}`} class="removed">
            <span class="sign">Removed:</span> {line.content}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A profile field's value as the other screens show it: dates in the reader's zone, types by name, yes/no. */
function showField(field: string, value: JsonValue): ComponentChild {
  if (field === 'createdAt' || field === 'expiresAt') return <DateText iso={typeof value === 'string' ? value : null} />;
  if (field === 'type' && typeof value === 'string' && Object.hasOwn(TYPE_LABEL, value)) {
    return TYPE_LABEL[value as keyof typeof TYPE_LABEL];
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return show(value);
}

function show(value: JsonValue): string {
  if (value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
