// One profile, everything the core reports about it, plus the actions an admin takes from here.
import { useEffect, useState } from 'preact/hooks';
import type { StoredProfile } from '../../core/store';
import type { ProfileVerdict } from '../../core/profile';
import type { Profile } from '../../core/types';
import { useAppContext } from '../app-context';
import { DateText, DaysLeft } from '../components/DateText';
import { StatusBadge } from '../components/StatusBadge';
import { Timeline, type TimelineEvent } from '../components/Timeline';
import { exportResults } from '../exports';
import { isSample } from '../import/sample';
import { loadCore } from '../lazy-core';
import { STATUS_LABEL, TYPE_LABEL, verdictOf } from '../library-model';
import { compareHref, navigate, profileHref } from '../router';
import { useStoredProfile } from '../use-stored-profile';
import type { Summaries } from '../use-summaries';
import { CertificatesSection } from './profile/CertificatesSection';
import { DerSection } from './profile/DerSection';
import { DevicesSection } from './profile/DevicesSection';
import { EntitlementsSection } from './profile/EntitlementsSection';
import { FindingsSection } from './profile/FindingsSection';
import { IntunePanel } from './profile/IntunePanel';
import { SignatureSection } from './profile/SignatureSection';

type Explain = (key: string) => string | null;

export function ProfileView({ id, summaries }: { id: string; summaries: Summaries }) {
  const { library, settings, announce } = useAppContext();
  // Re-read when the library changes (another tab may have replaced or deleted this profile).
  const stored = useStoredProfile(id, summaries.profiles);
  const [explain, setExplain] = useState<Explain | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  useEffect(() => {
    loadCore().then(
      (core) => setExplain(() => core.explainEntitlement),
      () => setExplain(null),
    );
  }, []);

  if (stored === undefined) return <p>Loading…</p>;
  if (stored === null)
    return (
      <section>
        <h1>Profile not found</h1>
        <p>
          It may have been deleted. <a href="#/library">Back to the library</a>
        </p>
      </section>
    );

  const { result } = stored;
  const profile = result.profile;
  // Judged now, with today's settings: the stored record keeps what the file says, never what was concluded then.
  const verdict = verdictOf(result, new Date(), settings.warnDays);
  const remove = async () => {
    await library.deleteProfiles([stored.id]);
    announce(`Deleted ${profile?.name ?? stored.fileName}.`);
    navigate('#/library');
  };
  const other = summaries.profiles.find((summary) => summary.id === (stored.renewedBy ?? stored.renewalOf));

  return (
    <article aria-labelledby="profile-title" class="profile">
      <h1 id="profile-title">{profile?.name ?? stored.fileName}</h1>
      {isSample(stored.fileName) && (
        <p class="sample-note" role="note">
          Sample: a synthetic profile signed by a throwaway test CA, not by Apple. It is reported honestly as not
          trusted.
        </p>
      )}
      {stored.id.includes('~') && (
        <p class="copy-note" role="note">
          {/* The record it sits beside is Apple-signed once such a file was imported; until then it may be
              another kind of copy (core/store/store.ts keeps one per kind), so the note claims no more. */}
          {`A ${verdict ? STATUS_LABEL[verdict.status].toLowerCase() : 'unreadable'} copy, kept beside the library's record of the same UUID instead of replacing it: only a file Apple's signature vouches for takes over a UUID's record. `}
          <a href={profileHref(stored.id.split('~')[0] ?? '')}>Open the record of this UUID</a>
        </p>
      )}
      <p class="headline">
        <StatusBadge status={verdict?.status ?? 'unreadable'} />{' '}
        {profile && <span class="type">{TYPE_LABEL[profile.type]}</span>}{' '}
        {verdict?.stopsLaunchingOn && (
          <span>
            {verdict.status === 'expired' ? 'apps stopped launching ' : 'apps stop launching '}
            <DateText iso={verdict.stopsLaunchingOn} /> (
            <DaysLeft days={verdict.daysLeft} ended={verdict.status === 'expired'} />)
            {verdict.stopsLaunchingBecause === 'certificate' && ', when its signing certificate expires'}
          </span>
        )}
      </p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() => void exportResults('json', [result], settings).then(announce)}
        >
          Export JSON
        </button>
        <a class="button secondary" href={compareHref(stored.id, other?.id ?? null)}>
          Compare…
        </a>
        {confirmingDelete ? (
          <>
            <button type="button" class="danger" onClick={() => void remove()}>
              Confirm delete
            </button>
            <button type="button" class="secondary" onClick={() => setConfirmingDelete(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {other && (
        <p>
          {stored.renewedBy ? 'Renewed by ' : 'Renews '}
          <a href={profileHref(other.id)}>{other.result.profile?.name ?? other.fileName}</a>
        </p>
      )}
      {!profile ? (
        <p role="alert">{result.error?.message ?? 'This file could not be decoded.'}</p>
      ) : (
        <ProfileDetails profile={profile} stored={stored} verdict={verdict} explain={explain} />
      )}
    </article>
  );
}

function ProfileDetails({
  profile,
  stored,
  verdict,
  explain,
}: {
  profile: Profile;
  stored: StoredProfile;
  verdict: ProfileVerdict | null;
  explain: Explain | null;
}) {
  return (
    <>
      <Overview profile={profile} fileName={stored.fileName} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline events={timelineEvents(profile)} />
      </section>
      <FindingsSection findings={verdict?.findings ?? []} />
      <SignatureSection signature={stored.result.signature} />
      {/* Keyed by profile: following a renewal link must not keep the previous profile's Graph request. */}
      <IntunePanel key={stored.id} stored={stored} verdict={verdict} />
      <CertificatesSection certificates={profile.certificates} />
      <DevicesSection profile={profile} />
      <EntitlementsSection entitlements={profile.entitlements} explain={explain} />
      <DerSection der={profile.derProfile} />
    </>
  );
}

function Overview({ profile, fileName }: { profile: Profile; fileName: string }) {
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <dl class="facts">
        <dt>UUID</dt>
        <dd class="mono">{profile.uuid ?? '—'}</dd>
        <dt>App ID</dt>
        <dd class="mono">
          {profile.applicationIdentifier ?? '—'}
          {profile.wildcard && ' (wildcard)'}
        </dd>
        <dt>App ID name</dt>
        <dd>{profile.appIdName ?? '—'}</dd>
        <dt>Team</dt>
        <dd>{[profile.teamName, profile.teamId].filter(Boolean).join(' — ') || '—'}</dd>
        <dt>Platforms</dt>
        <dd>{profile.platforms?.join(', ') ?? 'not stated'}</dd>
        <dt>File</dt>
        <dd>{fileName}</dd>
      </dl>
    </section>
  );
}

function timelineEvents(profile: Profile): TimelineEvent[] {
  const certificateExpiry = profile.certificates
    .map((certificate) => certificate.notAfter)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return [
    { kind: 'created', label: 'Created', iso: profile.createdAt },
    { kind: 'certificate', label: 'First certificate expiry', iso: certificateExpiry ?? null },
    { kind: 'expiry', label: 'Profile expires', iso: profile.expiresAt },
    { kind: 'today', label: 'Today', iso: new Date().toISOString() },
  ];
}
