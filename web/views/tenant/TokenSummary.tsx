// What the connected token's claims allow, read from the token itself: Graph verifies it, ProvLens only reads what it
// says. Who it is for, which app obtained it, read only or read and write, when it expires, and every warning the
// core raises (another cloud's token, a missing scope, the write scope absent).
import { CLOUDS } from '../../../core/export/clouds';
import type { TokenInfo } from '../../../core/tenant/types';
import { DateText } from '../../components/DateText';
import type { TenantConnection } from './connection';

export const ACCESS_WORDS: Readonly<Record<TokenInfo['access'], string>> = {
  'read-write': 'read and write',
  read: 'read only',
  partial: 'read only, part of the board',
  none: 'nothing on the board',
  unknown: 'unknown: Microsoft Graph decides',
};

export function TokenSummary({ connection }: { connection: TenantConnection }) {
  const { info, cloud } = connection;
  return (
    <div class="token-summary">
      <dl class="facts">
        <dt>Cloud</dt>
        <dd>{CLOUDS[cloud].label}</dd>
        <dt>{connection.via === 'microsoft' ? 'Signed in as' : 'Token for'}</dt>
        <dd>
          {info.user ?? 'not named in the token'}
          {info.appName && <span class="muted">{` (through ${info.appName})`}</span>}
        </dd>
        <dt>Allows</dt>
        <dd class="token-access">{ACCESS_WORDS[info.access]}</dd>
        <dt>Expires</dt>
        <dd>{info.expiresAt ? <DateText iso={info.expiresAt} /> : 'not said in the token'}</dd>
      </dl>
      <p class="muted">Microsoft Graph verifies the token; ProvLens only reads what it says.</p>
      {info.warnings.length > 0 && (
        <ul class="token-warnings">
          {info.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
