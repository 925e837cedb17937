// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { annotationModel, describeDays } from '../../extension/content/annotation-model';
import { annotationHost, removeAnnotation, renderAnnotation } from '../../extension/content/annotation';
import { profileResult } from './profile-result';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const HOSTILE = '<img src=x onerror=alert(1)>';

afterEach(() => document.body.replaceChildren());

describe('annotation model', () => {
  it('states the expiry Intune will use, the type and whether Intune can push it', () => {
    const model = annotationModel(
      profileResult({ name: 'Field Sales In-House', uuid: '9b0c6a1e-0001', expiresAt: '2027-01-15T10:30:00.000Z', signature: 'untrusted' }),
      NOW,
    );
    expect(model.title).toBe('Field Sales In-House');
    expect(model.headline).toMatch(/^In-house profile: Intune can push it/);
    expect(model.facts).toEqual([
      { label: 'Expiration date Intune will use', value: '2027-01-15 10:30 UTC (227 days left)' },
      { label: 'Type', value: 'In-house (enterprise)' },
      { label: 'Team', value: 'Example Corp · A1B2C3D4E5' },
      { label: 'App ID', value: 'A1B2C3D4E5.com.example.field' },
      { label: 'Signature', value: 'Signed, but not by Apple: signature untrusted' },
      { label: 'Certificate iPhone Distribution: Example Corp', value: 'expires 2028-06-01 00:00 UTC (730 days left)' },
    ]);
  });

  it('flags a development profile as not in-house and an altered file as an error', () => {
    const development = annotationModel(profileResult({ name: 'Dev', uuid: 'd', expiresAt: '2026-06-03T00:00:00.000Z', type: 'development' }), NOW);
    expect(development.headline).toMatch(/^Not an in-house profile/);
    expect(development.facts[1]).toEqual({ label: 'Type', value: 'Development (not in-house)' });
    const tampered = annotationModel(profileResult({ name: 'T', uuid: 't', expiresAt: '2027-01-01T00:00:00.000Z', signature: 'invalid' }), NOW);
    expect(tampered.tone).toBe('error');
    expect(tampered.facts.find((fact) => fact.label === 'Signature')?.value).toMatch(/^INVALID/);
  });

  it('explains an unreadable file instead of failing', () => {
    const model = annotationModel(
      { kind: 'profile', file: 'notes.txt', ok: false, error: { code: 'not-a-profile', message: 'Not a provisioning profile' }, profile: null, signature: null, findings: [] },
      NOW,
    );
    expect(model).toMatchObject({ title: 'notes.txt', tone: 'error', headline: 'Not a readable provisioning profile: Not a provisioning profile' });
  });

  it('counts days the way the badge does', () => {
    expect([describeDays(12), describeDays(1), describeDays(0), describeDays(-1), describeDays(-3)]).toEqual([
      '12 days left',
      '1 day left',
      'expires within a day',
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

  it('renders profile strings as text inside its own shadow root', () => {
    const input = uploadControl();
    const root = annotationHost(input);
    const findings = [{ code: 'expired' as const, severity: 'error' as const, message: HOSTILE, fix: HOSTILE }];
    renderAnnotation(root, annotationModel(profileResult({ name: HOSTILE, uuid: 'h', expiresAt: '2027-01-01T00:00:00.000Z', findings }), NOW));

    expect(input.nextElementSibling?.localName).toBe('provlens-annotation');
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

  it('sits after a wrapping <label>, so clicking it never opens the file picker', () => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'file';
    label.append('Upload profile file', input);
    document.body.append(label);
    annotationHost(input);
    expect(label.nextElementSibling?.localName).toBe('provlens-annotation');
    expect(label.querySelector('provlens-annotation')).toBeNull();
  });

  it('saves on request and reports the outcome', async () => {
    const root = annotationHost(uploadControl());
    const save = vi.fn(async () => 'Saved to your ProvLens library.');
    renderAnnotation(root, annotationModel(profileResult({ name: 'S', uuid: 's', expiresAt: '2027-01-01T00:00:00.000Z' }), NOW), { save });
    root.querySelector('button')?.click();
    await vi.waitFor(() => expect(root.querySelector('.status')?.textContent).toBe('Saved to your ProvLens library.'));
    expect(save).toHaveBeenCalledOnce();
    expect(root.querySelector('button')?.disabled).toBe(true);
  });
});
