import { describe, expect, it } from 'vitest';
import { stepMatchesOf } from '../../shared/find';
import { waterworks } from '../fixtures/editor/bodies';

describe('stepMatchesOf', () => {
  it('finds steps by title, description, dialogue and role name, in reading order', () => {
    expect(stepMatchesOf(waterworks, '水厂')).toEqual([{ stepId: 's-flood', field: 'title' }]);
    expect(stepMatchesOf(waterworks, '安置点')).toEqual([{ stepId: 's-truck', field: 'description' }]);
    expect(stepMatchesOf(waterworks, '指挥长')).toEqual([{ stepId: 's-flood', field: 'dialogue' }]);
    expect(stepMatchesOf(waterworks, '供水保障')).toEqual([{ stepId: 's-truck', field: 'role' }]);
    expect(stepMatchesOf(waterworks, '应急监测').map((m) => m.stepId)).toEqual(['s-sample']);
  });

  it('orders matches left to right, then top to bottom', () => {
    expect(stepMatchesOf(waterworks, '水').map((m) => m.stepId)).toEqual(['s-flood', 's-truck', 's-done']);
    expect(stepMatchesOf(waterworks, '组').map((m) => m.stepId)).toEqual(['s-sample', 's-truck']);
  });

  it('ignores case and surrounding spaces, and matches nothing for an empty query', () => {
    expect(stepMatchesOf({ ...waterworks, steps: [{ ...waterworks.steps[0], title: 'Flood Alert' }] }, '  flood ')).toHaveLength(1);
    expect(stepMatchesOf(waterworks, '   ')).toEqual([]);
  });
});
