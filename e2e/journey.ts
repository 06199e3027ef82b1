import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

// The three users' journeys end on a full-page screenshot under test-results/journeys/, taken
// only once the journey's chart is drawn: a visible Recharts surface holding a series with
// points (an area, line or bar that is wider than nothing), so no screenshot shows a skeleton.

const SERIES = '.recharts-area-area, .recharts-area-curve, .recharts-line-curve, .recharts-bar-rectangle path, .recharts-curve';

/** Waits until `chart` holds a visible Recharts surface with at least one drawn series. */
export async function expectDrawnChart(chart: Locator): Promise<void> {
  const surface = chart.locator('svg.recharts-surface').first();
  await expect(surface).toBeVisible();
  await expect
    .poll(
      () =>
        surface.locator(SERIES).evaluateAll((paths) =>
          paths.filter((p) => {
            // Two or more points: a move and at least one line or curve command.
            const d = p.getAttribute('d') ?? '';
            const box = (p as SVGGraphicsElement).getBBox();
            return /^M[^A-Za-z]*[LCHVQAST]/i.test(d) && box.width > 0;
          }).length,
        ),
      { message: 'a chart with a drawn series' },
    )
    .toBeGreaterThan(0);
}

/** Saves the page as test-results/journeys/<name>.png once `chart` is drawn. */
export async function saveJourneyScreenshot(page: Page, name: string, chart: Locator): Promise<void> {
  await expectDrawnChart(chart);
  await page.screenshot({ path: `test-results/journeys/${name}.png`, fullPage: true });
}
