// The HTML report: pure checks of the SVG it writes, then a real headless Chromium that loads the
// file and checks what is drawn. Needs Debian's chromium (`apt-get install -y chromium`); skipped, with a message, without it.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTicks, downsampleSteps, formatSimTime, timeTicks } from './chart.ts';
import { CHART_SERIES, renderReport, writeReport } from './report.ts';
import { syntheticRun } from './__fixtures__/syntheticRun.ts';
import { loadScenario } from './format.ts';
import { runScenario } from './runner.ts';

const CHROMIUM = process.env['DSIM_CHROMIUM'] ?? '/usr/bin/chromium';
// On a developer's machine a missing browser skips the test; in CI (CI=true) it fails, so the check cannot vanish quietly.
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

describe('downsampleSteps', () => {
  it('drops points that do not change the value and keeps the last change at one instant', () => {
    expect(downsampleSteps([0, 1, 2, 2, 3, 4], [5, 5, 6, 7, 7, 5])).toEqual({ t: [0, 2, 4], v: [5, 7, 5] });
    expect(downsampleSteps([0, 1, 1], [5, 6, 5])).toEqual({ t: [0], v: [5] });
  });

  it('keeps at most maxPoints, with every extreme and the final value', () => {
    const t: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      t.push(i * 7);
      v.push(1000 + Math.round(200 * Math.sin(i / 300)) + (i % 2));
    }
    v[12_345] = 0; // a dip one sample wide
    v[40_000] = 5000; // a spike
    const d = downsampleSteps(t, v, 1000);
    expect(d.t.length).toBeLessThanOrEqual(1000);
    expect(d.v).toContain(0);
    expect(d.v).toContain(5000);
    expect(d.v[d.v.length - 1]).toBe(v[v.length - 1]);
    expect(d.t[d.t.length - 1]).toBeGreaterThan(t[t.length - 1]! - 7 * 300);
    // Times stay ascending, so the step path never runs backwards.
    for (let i = 1; i < d.t.length; i++) expect(d.t[i]!).toBeGreaterThan(d.t[i - 1]!);
  });
});

describe('axis labels', () => {
  it('prints simulated time the way people say it', () => {
    expect([0, 500, 1500, 30_000, 300_000, 5_400_000, 90_061_000].map(formatSimTime)).toEqual(['0s', '500ms', '1.5s', '30s', '5m', '1h30m', '1d1h1m1s']);
  });

  it('puts time ticks on round clock steps', () => {
    expect(timeTicks(0, 20 * 60_000).map(formatSimTime)).toEqual(['0s', '5m', '10m', '15m', '20m']);
    expect(timeTicks(0, 3 * 3_600_000).map(formatSimTime)).toEqual(['0s', '30m', '1h', '1h30m', '2h', '2h30m', '3h']);
    expect(countTicks(5000)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(countTicks(0)).toEqual([0, 1]);
  });
});

describe('renderReport', () => {
  const run = syntheticRun(10);

  it('is pure and self-contained: same bytes twice, nothing fetched', () => {
    const html = renderReport(run);
    expect(renderReport(run)).toBe(html);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).not.toContain('<link');
  });

  it('puts the failed expectations first, escaped', () => {
    const html = renderReport(run);
    const failure = html.indexOf('unavailable &lt;= 1 &lt;script&gt;');
    expect(failure).toBeGreaterThan(0);
    expect(failure).toBeLessThan(html.indexOf('<svg'));
    expect(html).not.toContain('<= 1 <script>');
  });

  it('draws one chart per DaemonSet view plus the nodes chart, with the expected series', () => {
    const html = renderReport(run);
    const charts = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(['nodes', 'pods:kube-system/agent', 'progress:kube-system/agent', 'unavailable:kube-system/agent']);
  });

  it('keeps a 5,000-node run small', () => {
    const big = syntheticRun(5000, 1_000);
    expect(big.series.t.length).toBeGreaterThan(15_000);
    const html = renderReport(big);
    expect(html.length).toBeLessThan(1_500_000);
    for (const m of html.matchAll(/<path class="series"[^>]* d="([^"]+)"/g)) {
      expect((m[1]!.match(/H/g) ?? []).length).toBeLessThanOrEqual(1001);
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the report in headless Chromium', () => {
  let dir: string;
  type Browser = Awaited<ReturnType<typeof import('playwright-core')['chromium']['launchPersistentContext']>>;
  let browser: Browser;

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} not found; CI must install it: apt-get install -y chromium`);
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'dsim-report-'));
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined && process.env['DSIM_KEEP_SCREENSHOT'] === undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without errors or requests and draws every series where it belongs', async () => {
    const run = syntheticRun(40);
    const file = join(dir, 'report.html');
    writeReport(run, file);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);

    // Every chart: its series paths and legend entries, by id.
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((s) => ({
        id: s.getAttribute('data-chart'),
        series: [...s.querySelectorAll('path.series')].map((p) => p.getAttribute('data-series')),
        legend: [...s.querySelectorAll('.legend-item')].map((p) => p.getAttribute('data-series')),
        bands: s.querySelectorAll('rect.band').length,
      })),
    );
    expect(charts.map((c) => c.id)).toEqual(['nodes', 'pods:kube-system/agent', 'progress:kube-system/agent', 'unavailable:kube-system/agent']);
    const expected = [CHART_SERIES.nodes, CHART_SERIES.pods, CHART_SERIES.progress, CHART_SERIES.unavailable];
    charts.forEach((c, i) => {
      expect(c.series).toEqual(expected[i]);
      expect(c.legend).toEqual(expected[i]);
    });
    expect(charts[1]!.bands).toBeGreaterThan(0);

    // The final value is drawn where the axes say: available ends on the desired line (40), at the right edge.
    const ends = await page.$$eval('svg.chart[data-chart="pods:kube-system/agent"]', ([svg]) => {
      const [left, top, width, height] = svg!.getAttribute('data-plot')!.split(' ').map(Number) as [number, number, number, number];
      const yMax = Number(svg!.getAttribute('data-y-max'));
      const end = (id: string) => {
        // No DOM types in this package's tsconfig: the two SVGPathElement methods, structurally.
        const p = svg!.querySelector(`path[data-series="${id}"]`) as unknown as { getTotalLength(): number; getPointAtLength(l: number): { x: number; y: number } };
        const pt = p.getPointAtLength(p.getTotalLength());
        return { x: pt.x, y: pt.y };
      };
      return { left, top, width, height, yMax, available: end('available'), desired: end('desired'), updated: end('updated') };
    });
    const yOf = (v: number) => ends.top + ends.height - (v / ends.yMax) * ends.height;
    expect(ends.available.x).toBeCloseTo(ends.left + ends.width, 0);
    expect(ends.available.y).toBeCloseTo(yOf(40), 0);
    expect(ends.desired.y).toBeCloseTo(ends.available.y, 1);
    expect(ends.updated.y).toBeCloseTo(yOf(40), 0);
    // The rendered path really is on screen and visible (not a zero-size element).
    const box = await page.locator('svg.chart[data-chart="pods:kube-system/agent"] path[data-series="available"]').boundingBox();
    expect(box!.width).toBeGreaterThan(300);

    // The progress chart ends at 100 %; the budget line sits at 1.
    const pct = await page.$eval('svg.chart[data-chart="progress:kube-system/agent"] path[data-series="updated-pct"]', (p) => p.getAttribute('data-last'));
    expect(pct).toBe('100');
    const budget = await page.$eval('svg.chart[data-chart="unavailable:kube-system/agent"] path[data-series="budget"]', (p) => p.getAttribute('data-last'));
    expect(budget).toBe('1');

    // Hovering shows the values under the pointer.
    const podsChart = page.locator('svg.chart[data-chart="pods:kube-system/agent"]');
    await podsChart.scrollIntoViewIfNeeded();
    const svgBox = (await podsChart.boundingBox())!;
    await page.mouse.move(svgBox.x + svgBox.width * 0.95, svgBox.y + svgBox.height / 2);
    const tip = page.locator('figure:has(svg[data-chart="pods:kube-system/agent"]) .tip');
    await expect.poll(async () => tip.textContent()).toContain('available: 40');

    // A screenshot to look at (set DSIM_KEEP_SCREENSHOT=/path/to/shot.png to keep it).
    await page.screenshot({ path: process.env['DSIM_KEEP_SCREENSHOT'] ?? join(dir, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('draws a real run: the rollout ends with every desired pod available, at the right edge', async () => {
    const run = runScenario(loadScenario(fileURLToPath(new URL('./__fixtures__/sweep-small.yaml', import.meta.url))), { seed: 2 });
    const file = join(dir, 'real.html');
    writeReport(run, file);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(pathToFileURL(file).href);
    await expect.poll(() => page.locator('#verdict').textContent()).toBe('✗ 1 of 2 expectations failed.');
    const pods = await page.$eval('svg.chart[data-chart="pods:kube-system/agent"]', (svg) => {
      const [left, top, width, height] = svg.getAttribute('data-plot')!.split(' ').map(Number) as [number, number, number, number];
      const yMax = Number(svg.getAttribute('data-y-max'));
      const paths = [...svg.querySelectorAll('path.series')] as unknown as { getAttribute(n: string): string | null; getTotalLength(): number; getPointAtLength(l: number): { x: number; y: number } }[];
      return {
        left, top, width, height, yMax,
        series: paths.map((p) => p.getAttribute('data-series')),
        legend: [...svg.querySelectorAll('.legend-item')].length,
        ends: Object.fromEntries(paths.map((p) => { const e = p.getPointAtLength(p.getTotalLength()); return [p.getAttribute('data-series'), [e.x, e.y]]; })),
      };
    });
    expect(pods.series).toEqual([...CHART_SERIES.pods]);
    expect(pods.legend).toBe(CHART_SERIES.pods.length);
    const final = run.summary[0]!.final;
    expect(final.available).toBe(final.desired);
    const y = pods.top + pods.height - (final.desired / pods.yMax) * pods.height;
    for (const id of ['desired', 'available', 'updated', 'ready', 'current']) {
      expect(pods.ends[id]![0]).toBeCloseTo(pods.left + pods.width, 0);
      expect(pods.ends[id]![1]).toBeCloseTo(y, 0);
    }
    const shot = process.env['DSIM_KEEP_SCREENSHOT'];
    await page.screenshot({ path: shot === undefined ? join(dir, 'real.png') : shot.replace(/\.png$/, '-real.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

if (!HAVE_CHROMIUM && !IN_CI) {
  // eslint-disable-next-line no-console
  console.warn(`report.test.ts: ${CHROMIUM} not found, so the headless browser test is skipped. Install it with: apt-get install -y chromium`);
}
