// The tenant board (#/tenant, issue 18): connect to the admin's Intune tenant (a pasted Graph token or Sign in with
// Microsoft), read it through Microsoft Graph from this browser, judge every iOS app and every app provisioning
// profile Intune pushes with the core's live verdicts, and act — Push to Intune, Renew in place — only through a
// review of the exact requests. Tokens live in memory only (tenant/connection.ts); the board's model is the core's
// (core/tenant); this page does the I/O the core leaves to its host.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CloudName } from '../../core/export/clouds';
import { READ_SCOPES, WRITE_SCOPE, type GraphConfiguration, type GraphConnection, type TenantAppRow } from '../../core/tenant/types';
import type { ProfileResult } from '../../core/types';
import type { TenantViewProps } from '../app';
import { useAppContext } from '../app-context';
import { DateText } from '../components/DateText';
import { useApps } from './apps/use-apps';
import { useCore } from './intune/use-core';
import { ActionReview, type ActionKind } from './tenant/ActionReview';
import { AuditTrail } from './tenant/AuditTrail';
import { ConnectPanel } from './tenant/ConnectPanel';
import { graphConnection, pastedConnection, signedInConnection, type TenantConnection } from './tenant/connection';
import { loadMsalSignIn } from './tenant/load-sign-in';
import { progressWords } from './tenant/read-progress';
import type { SignIn, SignInFactory } from './tenant/sign-in';
import { TenantBoardView, countWords, type WriteAccess } from './tenant/TenantBoardView';
import type { TenantCore } from './tenant/tenant-core';
import { TokenSummary } from './tenant/TokenSummary';
import { useTenantRead } from './tenant/use-tenant-read';

/** What the page takes from its host besides the App's props; tests pass a fake Graph and a fake sign-in. */
export interface TenantHostOptions {
  /** Default: the browser's fetch, to the cloud's real Graph host. */
  fetch?: typeof fetch;
  sleep?: GraphConnection['sleep'];
  signIn?: SignInFactory;
}

const browserFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

export const UNAUTHORIZED = 'Your token has expired or was revoked: connect again.';
const SIGN_IN_ENDED = 'Your Microsoft sign-in has ended: sign in again.';

export function TenantView({ summaries, fetch = browserFetch, sleep, signIn = loadMsalSignIn }: TenantViewProps & TenantHostOptions) {
  const { library, settings, announce } = useAppContext();
  const { apps, loaded: appsLoaded } = useApps(library);
  const core = useCore() as TenantCore | null;
  const [cloud, setCloud] = useState<CloudName>('global');
  const [connection, setConnection] = useState<TenantConnection | null>(null);
  const [busy, setBusy] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  // The row as it was when the review opened: the action it proposed stays the one reviewed and sent, while the
  // board (and that row) moves on once Intune answers.
  const [review, setReview] = useState<{ row: TenantAppRow; action: ActionKind } | null>(null);
  const connectionRef = useRef<TenantConnection | null>(null);
  connectionRef.current = connection;

  /** 401, or an ended sign-in: forget the connection and ask to connect again. True when it was one of those. */
  const unauthorized = useCallback((error: unknown): boolean => {
    const code = errorCode(error);
    if (code !== 'graph-unauthorized' && code !== 'interaction-required' && code !== 'signed-out') return false;
    const ending = connectionRef.current;
    setConnection(null);
    setReview(null);
    setConnectError(code === 'graph-unauthorized' ? UNAUTHORIZED : SIGN_IN_ENDED);
    void ending?.end();
    return true;
  }, []);

  const read = useTenantRead(unauthorized);

  const graphOptions = useMemo(() => ({ fetch, ...(sleep ? { sleep } : {}) }), [fetch, sleep]);

  const startRead = (live: TenantConnection, tenant: TenantCore) => {
    read.start(async (signal, onRequest) => {
      const graph = graphConnection(live, { ...graphOptions, signal, onRequest });
      const snapshot = await tenant.readTenant(graph);
      const payloads = await tenant.decodePayloads(snapshot.configurations);
      return { snapshot, payloads };
    });
  };

  const connected = (live: TenantConnection, tenant: TenantCore) => {
    setConnection(live);
    setConnectError(null);
    setReview(null);
    announce(`Connected to ${live.info.user ?? 'your tenant'}: reading it.`);
    startRead(live, tenant);
  };

  const connectWithToken = (pasted: string) => {
    if (!core) return;
    let live: TenantConnection;
    try {
      live = pastedConnection(core, cloud, pasted, new Date());
    } catch (error) {
      setConnectError(error instanceof Error ? error.message : String(error));
      return;
    }
    // An expired token, or one for another cloud or resource, would only earn a 401 (which reads like a revoked
    // token): the core says what is wrong before anything is sent.
    const refusal = core.tokenRefusal(live.info, cloud);
    if (refusal) {
      void live.end();
      setConnectError(refusal);
      return;
    }
    connected(live, core);
  };

  const signInWithMicrosoft = async () => {
    if (!core) return;
    setBusy(true);
    setConnectError(null);
    let session: SignIn | null = null;
    try {
      session = await signIn(settings.signIn);
      connected(await signedInConnection(core, session, cloud, READ_SCOPES, () => new Date()), core);
    } catch (error) {
      // Whatever MSAL already holds from a sign-in that did not end in a connection is dropped too.
      void session?.signOut();
      setConnectError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    const ending = connection;
    read.reset();
    setConnection(null);
    setReview(null);
    await ending?.end();
    announce('Signed out: the token is gone from this page.');
  };

  const widen = async () => {
    if (!connection?.widen) return;
    try {
      const info = await connection.widen([WRITE_SCOPE]);
      setConnection({ ...connection, info });
    } catch (error) {
      if (!unauthorized(error)) announce(error instanceof Error ? error.message : String(error));
    }
  };

  // Keyboard users continue where they were: at the board the review was opened from.
  const closeReview = () => {
    setReview(null);
    setTimeout(() => document.getElementById('board-title')?.focus(), 0);
  };

  const data = read.state.status === 'read' ? read.state.data : null;
  const ready = core !== null && data !== null && summaries.complete && appsLoaded;
  const board = useMemo(
    () =>
      ready && core && data
        ? core.tenantBoard({ snapshot: data.snapshot, payloads: data.payloads, library: { profiles: summaries.profiles, apps } }, { now: new Date(), warnDays: settings.warnDays })
        : null,
    [ready, core, data, summaries.profiles, apps, settings.warnDays],
  );
  const views = useMemo(() => new Map((board?.configurations ?? []).map((view) => [view.id, view])), [board]);
  // "Connected …: reading it." gives way to what was read, once per read (a re-read or an action's read-back).
  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (!board || announced.current === data) return;
    announced.current = data;
    announce(`Tenant read: ${countWords(board, settings.warnDays)}`);
  }, [board, data, announce, settings.warnDays]);

  const write: WriteAccess = connection
    ? connection.info.canWrite || connection.info.access === 'unknown'
      ? { allowed: true, reason: null, ask: null }
      : { allowed: false, reason: `Needs ${WRITE_SCOPE}, which this token does not carry.`, ask: connection.widen ? () => void widen() : null }
    : { allowed: false, reason: null, ask: null };

  return (
    <section aria-labelledby="tenant-title" class="tenant">
      <h1 id="tenant-title">Tenant</h1>
      <p>
        Every iOS line-of-business app in your Intune tenant, the most urgent first: which app provisioning profiles Intune
        pushes for it, whether each is genuine and usable, when the app stops launching, and what to do.
      </p>
      {!connection ? (
        <ConnectPanel
          cloud={cloud}
          onCloud={setCloud}
          apps={settings.signIn}
          busy={busy || core === null}
          error={connectError}
          onConnect={connectWithToken}
          onSignIn={() => void signInWithMicrosoft()}
        />
      ) : (
        <section aria-labelledby="connection-title" class="card connection">
          <h2 id="connection-title">Connected</h2>
          <TokenSummary connection={connection} />
          <p class="row-actions">
            {connection.widen && !connection.info.canWrite && (
              <button type="button" class="secondary" onClick={() => void widen()}>
                Ask for write access
              </button>
            )}
            <button type="button" class="secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
        </section>
      )}
      {connection && core && (
        <ReadStatus
          state={read.state}
          readAt={data?.snapshot.readAt ?? null}
          onCancel={read.cancel}
          onReread={() => startRead(connection, core)}
        />
      )}
      {connection && data && data.snapshot.failures.length > 0 && (
        <section aria-labelledby="failures-title" class="read-failures" role="alert">
          <h2 id="failures-title">Not read</h2>
          <ul>
            {data.snapshot.failures.map((failure, index) => (
              <li key={index}>
                {failure.message} <span class="muted mono">{failure.request}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {connection && core && review && (
        <ActionReview
          key={`${review.row.id}:${review.action}`}
          core={core}
          cloud={connection.cloud}
          graph={() => graphConnection(connection, graphOptions)}
          row={review.row}
          action={review.action}
          views={views}
          onClose={closeReview}
          onUpdated={(configuration: GraphConfiguration, payload: ProfileResult) => read.replace(configuration, payload)}
          onUnauthorized={unauthorized}
        />
      )}
      {connection && board && <TenantBoardView board={board} apps={apps} now={new Date()} warnDays={settings.warnDays} write={write} onAct={(row, action) => setReview({ row, action })} />}
      {connection && data && !board && <p>Reading the library…</p>}
      <AuditTrail />
    </section>
  );
}

function ReadStatus({ state, readAt, onCancel, onReread }: { state: ReturnType<typeof useTenantRead>['state']; readAt: string | null; onCancel(): void; onReread(): void }) {
  if (state.status === 'reading') {
    return (
      <p class="read-status" aria-busy="true">
        <span role="status">{progressWords(state.progress)}</span>{' '}
        <button type="button" class="small secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    );
  }
  return (
    <p class="read-status">
      {state.status === 'read' && readAt && (
        <span role="status">
          Read at <DateText iso={readAt} /> (your time zone).{' '}
        </span>
      )}
      {state.status === 'cancelled' && <span role="status">Reading was cancelled. </span>}
      {state.status === 'failed' && (
        <span role="alert" class="error">
          The tenant could not be read: {state.message}{' '}
        </span>
      )}
      <button type="button" class="small" onClick={onReread}>
        {state.status === 'read' ? 'Re-read' : 'Read the tenant'}
      </button>
    </p>
  );
}

/** A ProvlensError's or SignInError's code; callers branch on codes, never on messages. */
function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
