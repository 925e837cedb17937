// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { annotationModel, describeDays } from '../../extension/content/annotation-model';
import { annotationHost, removeAnnotation, renderAnnotation, renderPortalExpiry } from '../../extension/content/annotation';
import { profileResult, type ResultSpec } from './profile-result';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const AT = { now: NOW, warnDays: 30 };
const HOSTILE = '<img src=x onerror=alert(1)>';

afterEach(() => document.body.replaceChildren());

/** A profile as Apple makes them since 2022: with its DER-Encoded-Profile copy, signed and consistent. */
function current(spec: ResultSpec) {
  const result = profileResult(spec);
  if (result.profile) result.profile.derProfile = { present: true, signature: 'valid', distributionType: 'IN_HOUSE', consistent: true, mismatches: [] };
  return result;
}

describe('annotation model', () => {
  it('calls only an Apple-signed, current in-house profile ready for Intune, with the date it will use', () => {
    const model = annotationModel(current({ name: 'Field Sales In-House', uuid: '9b0c6a1e-0001', expiresAt: '2027-01-15T10:30:00.000Z' }), AT);
    expect(model.title).toBe('Field Sales In-House');
    expect(model.tone).toBe('ok');
    expect(model.headline).toBe(
      'Ready for Intune: an in-house profile signed by Apple; apps keep launching until 2027-01-15 10:30 UTC (227 days left).',
    );
    expect(model.reasons).toEqual([]);
    expect(model.expiresAt).toBe('2027-01-15T10:30:00.000Z');
    expect(model.facts).toEqual([
      { label: 'Expiration date Intune will use', value: '2027-01-15 10:30 UTC (227 days left)' },
      { label: 'Type', value: 'In-house (enterprise)' },
      { label: 'Team', value: 'Example Corp · A1B2C3D4E5' },
      { label: 'App ID', value: 'A1B2C3D4E5.com.example.field' },
      { label: 'Signature', value: 'Signed by Apple (verified on this device)' },
      { label: 'Certificate iPhone Distribution: Example Corp', value: 'expires 2028-06-01 00:00 UTC (730 days left)' },
    ]);
  });

  it('heads an expired in-house profile "Expired", never "ready"', () => {
    const model = annotationModel(profileResult({ name: 'Old', uuid: 'o', expiresAt: '2024-03-01T00:00:00.000Z', certificateNotAfter: '2025-01-01T00:00:00.000Z' }), AT);
    expect(model.headline).toBe("Expired: Intune's iOS app provisioning profiles push cannot use this file.");
    expect(model.tone).toBe('error');
    expect(model.reasons[0]).toMatchObject({ code: 'expired', message: expect.stringContaining('2024-03-01') });
    expect(model.facts[0]).toEqual({ label: 'Expiration date Intune will use', value: '2024-03-01 00:00 UTC (expired 822 days ago)' });
  });

  it('puts tampered, untrusted and not-in-house first, with the fix for each', () => {
    const tampered = annotationModel(profileResult({ name: 'T', uuid: 't', expiresAt: '2027-01-01T00:00:00.000Z', signature: 'invalid' }), AT);
    expect(tampered.headline).toMatch(/^Tampered: /);
    expect(tampered.facts.find((fact) => fact.label === 'Signature')?.value).toMatch(/^INVALID/);
    const untrusted = annotationModel(profileResult({ name: 'U', uuid: 'u', expiresAt: '2027-01-01T00:00:00.000Z', signature: 'untrusted' }), AT);
    expect(untrusted.headline).toMatch(/^Not signed by Apple: /);
    const expiredDevelopment = annotationModel(profileResult({ name: 'D', uuid: 'd', expiresAt: '2026-05-01T00:00:00.000Z', type: 'development' }), AT);
    expect(expiredDevelopment.headline).toMatch(/^Not in-house · Expired: /);
    // The verdict's reasons first, then the core's other warnings (here: no DER copy in a 2026 profile).
    expect(expiredDevelopment.reasons.map((reason) => reason.code)).toEqual(['not-in-house', 'expired', 'der-missing']);
    expect(expiredDevelopment.reasons.every((reason) => reason.fix.length > 0)).toBe(true);
  });

  it('says when the signing certificate ends launches before the profile expires', () => {
    const model = annotationModel(profileResult({ name: 'C', uuid: 'c', expiresAt: '2027-01-01T00:00:00.000Z', certificateNotAfter: '2026-06-20T00:00:00.000Z' }), AT);
    expect(model.tone).toBe('warning');
    expect(model.headline).toMatch(/^Ready for Intune, but expiring soon: .* until 2026-06-20 00:00 UTC \(18 days left\)\.$/);
    expect(model.facts[1]).toEqual({ label: 'Apps stop launching', value: '2026-06-20 00:00 UTC (18 days left), when the signing certificate expires' });
  });

  it('explains an unreadable file instead of failing', () => {
    const model = annotationModel(
      { kind: 'profile', file: 'notes.txt', ok: false, error: { code: 'not-a-profile', message: 'Not a provisioning profile' }, profile: null, signature: null, findings: [] },
      AT,
    );
    expect(model).toMatchObject({ title: 'notes.txt', tone: 'error', headline: 'Not a readable provisioning profile: Not a provisioning profile' });
  });

  it('names the app for an .ipa', () => {
    const model = annotationModel(profileResult({ name: 'Embedded', uuid: 'e', expiresAt: '2027-01-01T00:00:00.000Z' }), {
      ...AT,
      app: { name: 'Field Sales', certificateNotAfter: '2026-12-01T00:00:00.000Z' },
    });
    expect(model.title).toBe('Field Sales: Embedded');
    expect(model.facts[1]?.value).toMatch(/^2026-12-01 00:00 UTC/);
  });

  it('counts days the way the badge does', () => {
    expect([describeDays(12), describeDays(1), describeDays(0), describeDays(0, true), describeDays(-1), describeDays(-3)]).toEqual([
      '12 days left',
      '1 day left',
      'expires within a day',
      'expired today',
      'expired 1 day ago',
      'expired 3 days ago',
    ]);
  });
});

describe('annotation panel', () => {
  function uploadControl(): HTMLInputElement {
    const input = document.createElement('input');
    input.type = 'file';
    const after = document.createElement('span');
    after.id = 'portal-own';
    document.body.append(input, after);
    return input;
  }

  const model = (name: string) => annotationModel(profileResult({ name, uuid: 'x', expiresAt: '2024-01-01T00:00:00.000Z' }), AT);

  it('renders profile strings as text inside its own shadow root', () => {
    const input = uploadControl();
    const root = annotationHost(input);
    renderAnnotation(root, { ...model(HOSTILE), reasons: [{ code: 'expired', message: HOSTILE, fix: HOSTILE }] });
    expect(document.getElementById('portal-own')?.previousElementSibling?.localName).toBe('provlens-annotation');
    expect(root.querySelector('h2')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('li[data-code="expired"]')?.textContent).toBe(`${HOSTILE}Fix: ${HOSTILE}`);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });

  it('reuses one panel per control and removes it when the file is cleared', () => {
    const input = uploadControl();
    expect(annotationHost(input)).toBe(annotationHost(input));
    expect(document.querySelectorAll('provlens-annotation')).toHaveLength(1);
    removeAnnotation(input);
    expect(document.querySelectorAll('provlens-annotation')).toHaveLength(0);
  });

  it('sits after the shadow host when the control lives in a web component', () => {
    const host = document.createElement('fx-upload');
    const input = document.createElement('input');
    input.type = 'file';
    host.attachShadow({ mode: 'open' }).append(input);
    document.body.append(host);
    annotationHost(input);
    expect(host.nextElementSibling?.localName).toBe('provlens-annotation');
    expect(host.shadowRoot?.querySelector('provlens-annotation')).toBeNull();
  });

  it('adds the portal\'s own Expiration date and says whether it agrees', () => {
    const root = annotationHost(uploadControl());
    renderAnnotation(root, model('P'));
    renderPortalExpiry(root, { portalText: '1/1/2024', agrees: true });
    renderPortalExpiry(root, { portalText: '2/2/2024', agrees: false });
    const values = root.querySelectorAll('dd[data-portal-expiry]');
    expect(values).toHaveLength(1);
    expect(values[0]?.textContent).toBe('2/2/2024 (DIFFERS from the file: check that the portal read the right file)');
    expect(values[0]?.previousElementSibling?.textContent).toBe("The portal's Expiration date");
  });

  it('saves on request and reports the outcome', async () => {
    const root = annotationHost(uploadControl());
    const save = vi.fn(async () => 'Saved to your ProvLens library.');
    renderAnnotation(root, model('S'), { save });
    root.querySelector('button')?.click();
    await vi.waitFor(() => expect(root.querySelector('.status')?.textContent).toBe('Saved to your ProvLens library.'));
    expect(save).toHaveBeenCalledOnce();
    expect(root.querySelector('button')?.disabled).toBe(true);
  });
});
