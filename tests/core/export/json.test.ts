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
    // Lossless apart from conclusions: findings are today's and each profile carries its live verdict.
    const strip = (result: object) => ({ ...result, findings: [], verdict: undefined });
    expect(parsed.results.map(strip)).toEqual(results.map(strip));
    expect(parsed.results[1]?.findings.map((finding) => finding.code)).toEqual(['not-apple-signed', 'devices-in-in-house']);
    const verdictOf = (index: number) => {
      const result = parsed.results[index];
      return result?.kind === 'profile' ? result.verdict : undefined;
    };
    expect(verdictOf(0)).toMatchObject({ status: 'ok', usableByIntune: true, daysLeft: 227, stopsLaunchingOn: '2027-01-15T09:30:00.000Z' });
    expect(verdictOf(1)).toMatchObject({ status: 'untrusted', usableByIntune: false });
    expect(parsed.results[1]?.kind === 'profile' && parsed.results[1].profile?.name).toBe('Line\nbreak "quoted" \u2028');
  });

  it('recomputes findings instead of copying stored ones, so an old record exports what is true today', () => {
    const stale = { ...buildResult({ expiresAt: '2026-05-30T00:00:00.000Z' }), findings: [] };
    const parsed = JSON.parse(toJsonExport([stale], { now: NOW, warnDays: 30 })) as JsonExport;
    const [result] = parsed.results;
    expect(result?.findings.map((finding) => finding.code)).toContain('expired');
    expect(result?.kind === 'profile' && result.verdict).toMatchObject({ status: 'expired', daysLeft: -2 });
  });
});
