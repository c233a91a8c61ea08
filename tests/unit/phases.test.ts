/** Phases (阶段/科目) of a drill: grouped rows of the script and bands on the timeline. */
import { describe, expect, it } from 'vitest';
import { ScenarioBodySchema } from '../../shared/model';
import { scheduleOf } from '../../shared/schedule';
import { drillScriptOf, scriptGroupsOf } from '../../shared/sheets';
import { phaseBandsOf } from '../../renderer/timeline/lanes';

const body = ScenarioBodySchema.parse({
  title: '分阶段演练',
  startTime: '09:00',
  steps: [
    { id: 'a', kind: 'inject', title: '预警', durationMin: 10, phase: '第一阶段' },
    { id: 'b', kind: 'action', title: '接报', durationMin: 10, phase: '第一阶段' },
    { id: 'c', kind: 'action', title: '处置', durationMin: 30, phase: '第二阶段' },
    { id: 'd', kind: 'action', title: '监测', durationMin: 40, phase: '监测科目' },
    { id: 'e', kind: 'milestone', title: '演练结束', durationMin: 0 },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', target: 'c' },
    { id: 'e3', source: 'b', target: 'd' },
    { id: 'e4', source: 'c', target: 'e' },
    { id: 'e5', source: 'd', target: 'e' },
  ],
});

describe('phases', () => {
  it('group the script rows wherever the phase changes, steps without a phase in a group of their own', () => {
    const groups = scriptGroupsOf(drillScriptOf(body).rows);
    expect(groups.map((g) => [g.phase, g.rows.map((r) => r.title)])).toEqual([
      ['第一阶段', ['预警', '接报']],
      ['第二阶段', ['处置']],
      ['监测科目', ['监测']],
      ['', ['演练结束']],
    ]);
  });

  it('span their steps on the timeline, overlapping ones in rows of their own', () => {
    const schedule = scheduleOf(body);
    if (!schedule.ok) throw new Error('cycle');
    expect(phaseBandsOf(body, schedule)).toEqual({
      rows: 2,
      bands: [
        { phase: '第一阶段', start: 0, finish: 20, row: 0, index: 0 },
        { phase: '第二阶段', start: 20, finish: 50, row: 0, index: 1 },
        { phase: '监测科目', start: 20, finish: 60, row: 1, index: 2 },
      ],
    });
  });
});
