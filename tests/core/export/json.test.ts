import { describe, expect, it } from 'vitest';
import { toJsonExport } from '../../../core/export';
import type { JsonExport } from '../../../core/export';
import { NOW, buildResult } from '../profile-builder';

describe('toJsonExport', () => {
  it('wraps the results losslessly in a versioned envelope', () => {
    const results = [buildResult(), buildResult({ name: 'Line\nbreak "quoted" \u2028', devices: ['00008030-000A'] }, { status: 'untrusted' })];
    const text = toJsonExport(results, { now: NOW });
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as JsonExport;
    expect(parsed.format).toBe('provlens-export');
    expect(parsed.version).toBe(1);
    expect(parsed.exportedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(parsed.results).toEqual(results);
    expect(parsed.results[1]?.kind === 'profile' && parsed.results[1].profile?.name).toBe('Line\nbreak "quoted" \u2028');
  });
});
