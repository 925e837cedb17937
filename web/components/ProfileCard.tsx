// A compact, presentational summary of one decoded profile (props in, nothing global): the extension's popup and
// its Intune-portal annotation show this card; the library links to the full view.
import type { ProfileResult } from '../../core/types';
import { TYPE_LABEL, verdictOf } from '../library-model';
import { DateText, DaysLeft } from './DateText';
import { SignatureVerdict } from './SignatureVerdict';
import { StatusBadge } from './StatusBadge';

export interface ProfileCardProps {
  result: ProfileResult;
  warnDays?: number;
  now?: Date;
  /** Where "details" links to, if anywhere. */
  href?: string;
}

export function ProfileCard({ result, warnDays = 30, now = new Date(), href }: ProfileCardProps) {
  const profile = result.profile;
  if (!result.ok || !profile) {
    return (
      <div class="card">
        <StatusBadge status="unreadable" />
        <p>
          {result.file}: {result.error?.message ?? 'could not be read'}
        </p>
      </div>
    );
  }
  const verdict = verdictOf(result, now, warnDays);
  const findings = verdict?.findings ?? [];
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return (
    <div class="card">
      <p class="card-title">
        <StatusBadge status={verdict?.status ?? 'unreadable'} /> <strong>{profile.name ?? result.file}</strong>
      </p>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{TYPE_LABEL[profile.type]}</dd>
        <dt>App ID</dt>
        <dd class="mono">{profile.applicationIdentifier ?? '—'}</dd>
        <dt>Team</dt>
        <dd>{profile.teamName ? `${profile.teamName} (${profile.teamId ?? '?'})` : (profile.teamId ?? '—')}</dd>
        <dt>Apps stop launching</dt>
        <dd>
          <DateText iso={verdict?.stopsLaunchingOn} /> (<DaysLeft days={verdict?.daysLeft ?? null} ended={verdict?.status === 'expired'} />)
        </dd>
        <dt>Signature</dt>
        <dd>
          <SignatureVerdict status={result.signature?.status} />
        </dd>
        <dt>Findings</dt>
        <dd>{`${findings.length}${errors ? ` (${errors} serious)` : ''}`}</dd>
      </dl>
      {href && <a href={href}>Details</a>}
    </div>
  );
}
