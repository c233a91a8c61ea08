/** `drill schedule`, run as a user runs it: the table, the JSON, and the refusals. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const SAMPLE = 'scenarios/waterworks-outage.drill.json';

const drill = (...args: string[]) => runCli(['--lang', 'en', ...args]);

describe('drill schedule', () => {
  it('prints the plan of a sample scenario as a table with clock times, slack and the critical path', () => {
    const result = drill('schedule', SAMPLE);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('县第一自来水厂停电停产应急演练  2026-05-20 09:30  (Asia/Shanghai)');
    expect(lines[2]).toMatch(/^#\s+Step\s+Kind\s+Roles\s+Start\s+Finish\s+Slack\s+Critical$/);
    expect(result.stdout).toMatch(/1\s+水厂两路外部电源中断\s+inject\s+导调组, 模拟人员, 供水保障组\s+T\+0 09:30\s+T\+3 09:33\s+0\s+yes/);
    expect(result.stdout).toMatch(/发布停水、限水公告\s+action\s+宣传报道组\s+T\+8 09:38\s+T\+18 09:48\s+56\s*\n/);
    expect(result.stdout).toContain('Planned length: T+1:57 (09:30–11:27), 20 steps');
    expect(result.stdout).toMatch(/Critical path: 水厂两路外部电源中断 → 启动水厂停电应急预案 → .* → 演练结束/);
  });

  it('prints the same plan as JSON with --json', () => {
    const result = drill('schedule', SAMPLE, '--json');
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({ title: '县第一自来水厂停电停产应急演练', startTime: '09:30', timeZone: 'Asia/Shanghai', lengthMin: 117 });
    expect(plan.criticalPath[0]).toBe('w01');
    expect(plan.steps).toHaveLength(20);
    expect(plan.steps[2]).toEqual({
      id: 'w07',
      title: '发布停水、限水公告',
      kind: 'action',
      roles: ['宣传报道组'],
      startMin: 8,
      finishMin: 18,
      latestStartMin: 64,
      slackMin: 56,
      critical: false,
      startClock: '09:38',
      finishClock: '09:48',
    });
  });

  it('names the steps of a cycle instead of printing a plan', () => {
    const result = drill('schedule', 'tests/fixtures/cli/cycle.drill.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the steps “启动响应” → “现场核查” → “启动响应” form a cycle');
  });

  it('refuses bad input with one clear line and a non-zero exit, never a stack trace', () => {
    const cases: [string[], number, RegExp][] = [
      [['schedule'], 2, /name exactly one scenario file/],
      [['schedule', SAMPLE, SAMPLE], 2, /name exactly one scenario file/],
      [['schedule', SAMPLE, '--format', 'csv'], 2, /unknown option --format/],
      [['schedule', 'no-such.drill.json'], 1, /no-such\.drill\.json: cannot read: no such file/],
      [['schedule', 'tests/fixtures/cli/broken-json.drill.json'], 1, /broken-json\.drill\.json: not valid JSON/],
    ];
    for (const [args, status, message] of cases) {
      const result = drill(...args);
      expect(result.status, args.join(' ')).toBe(status);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  }, 300_000); // five command-line processes: on a loaded shared machine each can take 20 s to start
});
