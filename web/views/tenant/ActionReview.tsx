// The review step before anything changes in Intune: the profile to send, the groups (Push), the exact requests —
// method, full URL, JSON body, the payload folded to its size and SHA-256 unless shown whole — and the one confirm
// button, Send to Intune. Then what Graph answered, the configuration read back and its new verdict, and the audit
// trail's new lines (what was sent and answered, never the token).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CloudName } from '../../../core/export/clouds';
import type { IntuneFile, IntuneJob } from '../../../core/export/graph';
import type { ConfigurationView, GraphConfiguration, GraphConnection, SendResult, TenantAppRow } from '../../../core/tenant/types';
import type { ProfileResult } from '../../../core/types';
import { useAppContext } from '../../app-context';
import { DateText } from '../../components/DateText';
import { StatusBadge } from '../../components/StatusBadge';
import { profileHref } from '../../router';
import { TargetList } from './board-parts';
import { addGroup, bodyText, chosenTargets, defaultChoice, payloadFacts, type GroupChoice, type PayloadFacts } from './review-model';
import type { TenantCore } from './tenant-core';

export type ActionKind = 'push' | 'renew-in-place';

export const ACTION_NAME: Readonly<Record<ActionKind, string>> = {
  push: 'Push to Intune',
  'renew-in-place': 'Renew in place',
};

export interface ActionReviewProps {
  core: TenantCore;
  cloud: CloudName;
  /** A fresh GraphConnection for each send (no signal: a send is never cancelled half-way). */
  graph: () => GraphConnection;
  row: TenantAppRow;
  action: ActionKind;
  views: ReadonlyMap<string, ConfigurationView>;
  onClose(): void;
  onUpdated(configuration: GraphConfiguration, payload: ProfileResult): void;
  /** A 401 or an ended sign-in: the page asks to connect again. */
  onUnauthorized(error: unknown): boolean;
}

type Sending = { status: 'idle' } | { status: 'sending' } | { status: 'sent'; result: SendResult; reread: string | null; readBack: string | null } | { status: 'failed'; message: string };

export function ActionReview(props: ActionReviewProps) {
  const { core, cloud, row, action, onClose } = props;
  const { library, settings } = useAppContext();
  const profileId = row.action.profileId;
  const [file, setFile] = useState<{ file: IntuneFile; facts: PayloadFacts } | { error: string } | null>(null);
  const [choice, setChoice] = useState<GroupChoice>(() => defaultChoice(row.targets));
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  // The file's bytes leave the library only now, for this action.
  useEffect(() => {
    let live = true;
    if (!profileId) {
      setFile({ error: 'The library holds no profile for this action.' });
      return;
    }
    library.getProfile(profileId).then(
      async (stored) => {
        if (!stored) throw new Error('The library profile for this action is gone: it may have been deleted.');
        const intune: IntuneFile = { result: stored.result, bytes: stored.bytes, fileName: stored.fileName };
        const facts = await payloadFacts(intune);
        if (live) setFile({ file: intune, facts });
      },
      (error: unknown) => live && setFile({ error: error instanceof Error ? error.message : String(error) }),
    ).catch((error: unknown) => live && setFile({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [library, profileId]);

  const job = useMemo((): IntuneJob | string | null => {
    if (!file || 'error' in file) return null;
    const options = { cloud, now: new Date(), warnDays: settings.warnDays };
    try {
      if (action === 'renew-in-place') {
        if (!row.action.configurationId) return 'No configuration to renew.';
        return core.renewJob(row.action.configurationId, file.file, options);
      }
      const targets = chosenTargets(choice);
      return core.pushJob(row, file.file, {
        ...options,
        includeGroupIds: targets.include.map((group) => group.id),
        excludeGroupIds: targets.exclude.map((group) => group.id),
        allDevices: targets.allDevices,
        allUsers: targets.allUsers,
      });
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, [core, cloud, file, action, choice, row, settings.warnDays]);

  return (
    <section aria-labelledby="review-title" class="card review">
      <h2 id="review-title" tabIndex={-1} ref={heading}>
        Review: {ACTION_NAME[action]} — {row.name}
      </h2>
      {file === null && <p>Reading the profile from the library…</p>}
      {file && 'error' in file && (
        <p role="alert" class="error">
          {file.error}
        </p>
      )}
      {file && 'file' in file && (
        <>
          <ProfileFacts file={file.file} profileId={profileId} />
          {action === 'renew-in-place' ? (
            <RenewTarget row={row} views={props.views} />
          ) : (
            <GroupEditor choice={choice} onChange={setChoice} />
          )}
          {typeof job === 'string' && (
            <p role="alert" class="error">
              {job}
            </p>
          )}
          {job && typeof job !== 'string' && <JobReview {...props} job={job} file={file.file} facts={file.facts} />}
        </>
      )}
      <p>
        <button type="button" class="secondary" onClick={onClose}>
          Close the review
        </button>
      </p>
    </section>
  );
}

function ProfileFacts({ file, profileId }: { file: IntuneFile; profileId: string | null }) {
  const profile = file.result.profile;
  return (
    <dl class="facts">
      <dt>Profile to send</dt>
      <dd>{profileId ? <a href={profileHref(profileId)}>{profile?.name ?? file.fileName}</a> : (profile?.name ?? file.fileName)}</dd>
      <dt>App ID</dt>
      <dd class="mono">{profile?.applicationIdentifier ?? '—'}</dd>
      <dt>UUID</dt>
      <dd class="mono">{profile?.uuid ?? '—'}</dd>
      <dt>Expires</dt>
      <dd>
        <DateText iso={profile?.expiresAt} />
      </dd>
    </dl>
  );
}

function RenewTarget({ row, views }: { row: TenantAppRow; views: ReadonlyMap<string, ConfigurationView> }) {
  const view = row.action.configurationId ? views.get(row.action.configurationId) : undefined;
  return (
    <p>
      Replaces the file in <strong>{view?.displayName ?? row.action.configurationId}</strong> (payload, file name and expiry);
      its assignments stay as they are{view ? ':' : '.'} {view && <TargetList targets={view.targets} />}
    </p>
  );
}

function GroupEditor({ choice, onChange }: { choice: GroupChoice; onChange(choice: GroupChoice): void }) {
  const [id, setId] = useState('');
  const [list, setList] = useState<'include' | 'exclude'>('include');
  const [error, setError] = useState<string | null>(null);
  const toggle = (which: 'include' | 'exclude', index: number) =>
    onChange({ ...choice, [which]: choice[which].map((entry, at) => (at === index ? { ...entry, chosen: !entry.chosen } : entry)) });
  const add = (event: Event) => {
    event.preventDefault();
    const next = addGroup(choice, id, list);
    if (!next) return setError(`"${id.trim()}" is not a group object ID (a GUID).`);
    setError(null);
    setId('');
    onChange(next);
  };
  const none = choice.include.length + choice.exclude.length === 0 && !choice.allDevices && !choice.allUsers;
  return (
    <fieldset class="group-editor">
      <legend>Assign to (the app's own groups by default)</legend>
      {none && <p class="muted">The app is assigned to no group: add one below, or the configuration is created unassigned.</p>}
      {choice.allDevices && <p>All devices (as the app)</p>}
      {choice.allUsers && <p>All users (as the app)</p>}
      {(['include', 'exclude'] as const).map((which) =>
        choice[which].map((entry, index) => (
          <label key={`${which}:${entry.group.id}`} class="inline">
            <input type="checkbox" checked={entry.chosen} onChange={() => toggle(which, index)} />
            {which === 'include' ? 'Include ' : 'Exclude '}
            {entry.group.name ?? entry.group.id}
          </label>
        )),
      )}
      <form class="add-group" onSubmit={add}>
        <label>
          Group object ID
          <input type="text" value={id} onInput={(event) => setId(event.currentTarget.value)} autocomplete="off" spellcheck={false} />
        </label>
        <label>
          as
          <select value={list} onChange={(event) => setList(event.currentTarget.value as 'include' | 'exclude')}>
            <option value="include">included</option>
            <option value="exclude">excluded</option>
          </select>
        </label>
        <button type="submit" class="small">
          Add the group
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function JobReview(props: ActionReviewProps & { job: IntuneJob; file: IntuneFile; facts: PayloadFacts }) {
  const { core, job, file, facts, action, row, onUpdated, onUnauthorized, views } = props;
  const { library, announce } = useAppContext();
  const [showPayload, setShowPayload] = useState(false);
  const [sending, setSending] = useState<Sending>({ status: 'idle' });

  if (job.refused.length > 0) {
    return (
      <div class="not-for-intune" role="alert">
        <p>Intune cannot use this profile, so nothing will be sent:</p>
        <ul>
          {job.refused.flatMap((refusal) =>
            refusal.reasons.map((reason) => (
              <li key={`${refusal.file}:${reason.code}`}>
                {reason.message} <span class="fix">{reason.fix}</span>
              </li>
            )),
          )}
        </ul>
      </div>
    );
  }

  const send = async () => {
    setSending({ status: 'sending' });
    const graph = props.graph();
    let result: SendResult;
    try {
      result = await core.sendJob(graph, job, action, file);
    } catch (error) {
      if (onUnauthorized(error)) return;
      setSending({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    // The trail first: what was sent is a fact whether or not reading it back works.
    await library.addAuditEntries(result.entries).catch(() => announce('The audit trail could not be saved in this browser.'));
    let readBack: string | null = null;
    let reread: string | null = null;
    // Read back only what Graph accepted whole; a refused request is in the answers below and in the trail.
    if (result.complete && result.configurationId) {
      try {
        const configuration = await core.readConfiguration(graph, result.configurationId);
        const payloads = await core.decodePayloads([configuration]);
        const payload = payloads[configuration.id];
        if (payload) onUpdated(configuration, payload);
        reread = configuration.id;
      } catch (error) {
        if (onUnauthorized(error)) return;
        readBack = `Sent, but reading the configuration back failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    setSending({ status: 'sent', result, reread, readBack });
    announce(result.complete ? `${ACTION_NAME[action]}: done for ${row.name}.` : `${ACTION_NAME[action]}: Graph refused a request for ${row.name}.`);
  };

  return (
    <>
      <h3>The requests, in order</h3>
      <p class="muted">
        Sent to {new URL(job.cloud.graphRoot).host} with your token (never shown, stored or logged). Permission {job.scope}.
        {job.requests.some((request) => request.step === 'assign') && ' The assign URL takes the id the create request returns ({id}).'}
      </p>
      <label class="inline">
        <input type="checkbox" checked={showPayload} onChange={() => setShowPayload(!showPayload)} />
        Show the whole payload
      </label>
      <ol class="requests">
        {job.requests.map((request, index) => (
          <li key={index}>
            <p class="mono request-line">
              <strong>{request.method}</strong> {request.url}
            </p>
            <pre class="code" tabIndex={0} aria-label={`Body of ${request.method} request ${index + 1}`}>
              {bodyText(request, facts, showPayload)}
            </pre>
          </li>
        ))}
      </ol>
      {sending.status === 'idle' && (
        <p>
          <button type="button" onClick={() => void send()}>
            Send to Intune
          </button>
        </p>
      )}
      {sending.status === 'sending' && <p role="status">Sending to Intune…</p>}
      {sending.status === 'failed' && (
        <p role="alert" class="error">
          Nothing could be sent: {sending.message}
        </p>
      )}
      {sending.status === 'sent' && <SentReport result={sending.result} reread={sending.reread} readBack={sending.readBack} views={views} />}
    </>
  );
}

function SentReport({ result, reread, readBack, views }: { result: SendResult; reread: string | null; readBack: string | null; views: ReadonlyMap<string, ConfigurationView> }) {
  const view = reread ? views.get(reread) : undefined;
  return (
    <div class="sent" role="status">
      <h3>What Intune answered</h3>
      <ul>
        {result.entries.map((entry, index) => (
          <li key={index} class={entry.ok ? undefined : 'error'}>
            <span class="mono">
              {entry.method} {entry.url}
            </span>{' '}
            → {entry.status ?? 'no answer'} {entry.ok ? 'OK' : (entry.response?.error ? `${entry.response.error.code}: ${entry.response.error.message}` : 'failed')}
          </li>
        ))}
      </ul>
      {!result.complete && <p class="error">A request failed, so the rest were not sent: see above.</p>}
      {readBack && <p class="error">{readBack}</p>}
      {view && (
        <p class="new-verdict">
          Intune now pushes <strong>{view.displayName}</strong>:{' '}
          {view.verdict ? (
            <>
              <StatusBadge status={view.verdict.status} /> {view.verdict.usableByIntune ? 'Intune can use it' : 'Intune cannot use it'}, until{' '}
              <DateText iso={view.verdict.stopsLaunchingOn} />
            </>
          ) : (
            <span class="error">{view.payloadError?.message ?? 'its payload could not be read'}</span>
          )}
        </p>
      )}
    </div>
  );
}
