import { describe, expect, it } from 'vitest';
import { isAssigned, reachOf, resolveTargets } from '../../../core/tenant/targets';
import type { Assignment, Targets } from '../../../core/tenant/types';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const GROUPS = { [A]: 'Field Users', [B]: 'Pilot' };

const assignment = (kind: Assignment['target']['kind'], groupId: string | null = null, intent: string | null = null, filterId: string | null = null): Assignment => ({
  id: null,
  intent,
  target: { kind, groupId, odataType: `#microsoft.graph.${kind}`, filterId, filterType: filterId ? 'include' : 'none' },
});

const targets = (...assignments: Assignment[]): Targets => resolveTargets(assignments, GROUPS);

describe('resolveTargets', () => {
  it('names groups, leaves unknown names null, drops uninstall intents and duplicates, and notes filters', () => {
    const resolved = resolveTargets([
      assignment('include', A, 'required'),
      assignment('include', A.toUpperCase(), 'available'),
      assignment('include', C, 'required', 'filter-1'),
      assignment('exclude', B, 'required'),
      assignment('include', B, 'uninstall'),
      assignment('all-users', null, 'available'),
    ], GROUPS);
    expect(resolved).toEqual({
      include: [{ id: A, name: 'Field Users' }, { id: C, name: null }],
      exclude: [{ id: B, name: 'Pilot' }],
      allDevices: false,
      allUsers: true,
      filtered: true,
    });
    expect(isAssigned(targets(assignment('exclude', A)))).toBe(false);
    expect(isAssigned(targets(assignment('all-devices')))).toBe(true);
  });
});

describe('reachOf', () => {
  const app = targets(assignment('include', A), assignment('include', B));
  it('reaches all when it includes every app group, some when a group is missing or excluded, none when unassigned', () => {
    expect(reachOf(app, targets(assignment('include', A), assignment('include', B))).reaches).toBe('all');
    expect(reachOf(app, targets(assignment('include', A)))).toEqual({ reaches: 'some', missingGroups: [{ id: B, name: 'Pilot' }], excludedGroups: [] });
    expect(reachOf(app, targets(assignment('all-devices'), assignment('exclude', B)))).toEqual({ reaches: 'some', missingGroups: [], excludedGroups: [{ id: B, name: 'Pilot' }] });
    expect(reachOf(app, targets(assignment('include', C))).reaches).toBe('none');
    expect(reachOf(app, targets(assignment('exclude', A)))).toEqual({ reaches: 'none', missingGroups: app.include, excludedGroups: [] });
  });

  it('reaches an app on all devices only from all devices or users with nobody excluded', () => {
    const everywhere = targets(assignment('all-devices'));
    expect(reachOf(everywhere, targets(assignment('all-users'))).reaches).toBe('all');
    expect(reachOf(everywhere, targets(assignment('all-devices'), assignment('exclude', C))).reaches).toBe('some');
    expect(reachOf(everywhere, targets(assignment('include', A))).reaches).toBe('some');
  });

  it('reaches an app with no groups whenever it is assigned at all', () => {
    expect(reachOf(targets(), targets(assignment('include', A))).reaches).toBe('all');
  });
});
