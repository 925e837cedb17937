// @vitest-environment happy-dom
// The App check's per-bundle panel: integrity status with each problem and file, capabilities with what the profile
// does not grant, and the signed entitlements in full.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppBundle } from '../../core/types';
import { BundleChecks } from '../../web/components/BundleChecks';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const bundle = {
  path: 'Payload/Field.app/',
  integrity: { status: 'modified', problems: [{ code: 'file-modified', path: 'Assets.car', message: 'Assets.car does not match the hash sealed in CodeResources' }] },
  capabilities: { status: 'exceeds', notInProfile: ['com.apple.developer.healthkit'], entitlements: { 'get-task-allow': false, 'com.apple.developer.healthkit': true } },
} as unknown as AppBundle;

describe('BundleChecks', () => {
  it('shows the integrity problems, the capability not granted and every signed entitlement', () => {
    render(<BundleChecks bundle={bundle} />, root);
    const text = root.textContent ?? '';
    expect(text).toContain('Modified after signing');
    expect(text).toContain('file-modified Assets.car: Assets.car does not match the hash sealed in CodeResources');
    expect(text).toContain('(not in profile: com.apple.developer.healthkit)');
    expect([...root.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['get-task-allow', 'com.apple.developer.healthkit']);
    expect(root.querySelector('.not-granted dt')?.textContent).toBe('com.apple.developer.healthkit');
  });

  it('tolerates a record stored before the checks existed', () => {
    render(<BundleChecks bundle={{ path: 'Payload/Old.app/' } as unknown as AppBundle} />, root);
    expect(root.textContent).toBe('Payload/Old.app/');
  });
});
