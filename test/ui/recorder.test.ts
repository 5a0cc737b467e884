/**
 * What the page records is a scenario that replays it: inputs at their
 * virtual times become advances and steps, times kept to the microsecond.
 * And the waveform picture draws what the record says.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { waveformSvg, valueAt, showValue, tickStep, shortTime } from '../../cli/ui/waveform.js';
import type { RunRecord } from '../../cli/ui/run-record.js';
import { parseScenario, ScenarioRecorder } from '../../sim/index.js';

describe('ScenarioRecorder', () => {
  it('writes inputs as advances from where the run started, then steps, then an advance to the end', () => {
    const r = new ScenarioRecorder(93_453); // loading the bundle left the clock at 93.453 ms
    r.add(2_289_906, { press: 'btn' });
    r.add(2_503_906, { release: 'btn' });
    r.add(2_503_906, { 'set-voltage': { part: 'soil', volts: 2.3 } });
    const yaml = r.toYaml({ name: 'clicks', board: 'puckjs', diagram: 'button-led.diagram.json', endUs: 3_592_906, comment: 'recorded' });
    expect(yaml.startsWith('# recorded\n')).toBe(true);
    const doc = parse(yaml);
    expect(doc.steps).toEqual([
      { advance: 2196.453 },
      { press: 'btn' },
      { advance: 214 },
      { release: 'btn' },
      { 'set-voltage': { part: 'soil', volts: 2.3 } },
      { advance: 1089 },
    ]);
    // It is a scenario coop sim --scenario reads.
    const scenario = parseScenario(doc, 'recorded.yaml');
    expect(scenario.steps.map((s) => s.step.kind)).toEqual(['advance', 'press', 'advance', 'release', 'set-voltage', 'advance']);
    expect(scenario.board).toBe('puckjs');
  });

  it('refuses an input before the previous one (time never goes back)', () => {
    const r = new ScenarioRecorder();
    r.add(5000, { press: 'btn' });
    expect(() => r.add(4000, { release: 'btn' })).toThrow(/before the previous one/);
  });

  it('with nothing recorded, still writes a scenario that runs to the end', () => {
    const doc = parse(new ScenarioRecorder().toYaml({ name: 'idle', endUs: 1_500_000 }));
    expect(doc.steps).toEqual([{ advance: 1500 }]);
  });
});

const record: RunRecord = {
  title: 'demo on Puck.js',
  board: { id: 'puckjs', name: 'Puck.js' },
  now: 2000,
  signals: [{ pin: 'D5', label: 'red · LED1 (D5)', kind: 'digital' }, { pin: 'D30', label: 'pot · D30', kind: 'analog' }],
  pins: [{ t: 500, pin: 'D5', value: 1 }, { t: 1000, pin: 'D5', value: 0 }],
  analog: [{ t: 0, pin: 'D30', kind: 'volts', value: 1.65 }],
  console: [{ t: 500, text: 'on <now>' }],
  notes: [{ t: 400, text: 'btn pressed' }],
  memory: [],
  memTotal: 2630,
  steps: [{ n: 1, source: 'press: btn', t0: 400, t1: 400, status: 'pass' }, { n: 2, source: 'wait-pin: …', t0: 400, t1: 1200, status: 'fail', why: 'LED1 stayed 0' }],
  parts: [],
  errors: [],
};

describe('the waveform picture', () => {
  it('has a row per signal with its changes, marks for console lines, notes and steps, and escapes text', () => {
    const svg = waveformSvg(record, { t0: 0, t1: 2000, width: 800 });
    expect(svg).toContain('data-pin="D5" data-kind="digital" data-changes="500:1 1000:0"');
    expect(svg).toContain('data-pin="D30" data-kind="analog" data-changes="" data-analog="0:volts:1.65"');
    expect(svg).toContain('class="step pass" data-step="1"');
    expect(svg).toContain('class="step fail" data-step="2"');
    expect(svg).toContain('on &lt;now&gt;');
    expect(svg.match(/class="console-mark"/g)).toHaveLength(1);
    expect(svg.match(/class="note-mark"/g)).toHaveLength(1);
  });

  it('reads every row\'s value under a cursor', () => {
    expect(showValue(valueAt(record, 'D5', 750))).toBe('1');
    expect(showValue(valueAt(record, 'D5', 1500))).toBe('0');
    expect(showValue(valueAt(record, 'D30', 1500))).toBe('1.65 V');
    const svg = waveformSvg(record, { t0: 0, t1: 2000, width: 800, cursor: 750 });
    expect(svg).toMatch(/class="cursor-value" data-pin="D5"[^>]*>1</);
  });

  it('says so when there is nothing wired', () => {
    expect(waveformSvg({ ...record, signals: [], steps: [] }, { t0: 0, t1: 1000, width: 600 })).toContain('no wired pins');
  });

  it('puts ticks at 1, 2, 5 × 10^k and writes short times', () => {
    expect(tickStep(2000, 10)).toBe(200);
    expect(tickStep(7620, 8)).toBe(1000);
    expect(shortTime(250)).toBe('250ms');
    expect(shortTime(1500)).toBe('1.5s');
    expect(shortTime(185_000)).toBe('3m 05s');
  });
});
