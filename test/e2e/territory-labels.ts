import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LABEL_FONT_SIZE, type LabelBox, labelBox } from '../../src/map/label-placement.ts';
import { SCREENSHOT_DIR } from './browser.ts';

type LabelLayer = {
  id: string;
  props: { data: { text: string; position: [number, number] }[] };
  state?: { placed?: { text: string; position: [number, number] }[] };
};

/** The territory names the label layer has and those it draws now (placed on every view change). */
export function territoryNames(
  page: Page,
): Promise<{ all: LabelLayer['props']['data']; placed: string[] }> {
  return page.evaluate(() => {
    const layers = ((window as unknown as { __casba: { layers: unknown[] } }).__casba.layers ??
      []) as unknown[];
    const layer = layers
      .flat(3)
      .find((entry) => (entry as LabelLayer)?.id === 'territory-labels') as LabelLayer | undefined;
    return {
      all: layer?.props.data ?? [],
      placed: (layer?.state?.placed ?? []).map((label) => label.text),
    };
  });
}

/** The names drawn now whose box (as the placement estimates it) meets the element's box. */
async function namesUnder(page: Page, selector: string): Promise<string[]> {
  const drawn = await page.evaluate((target) => {
    type MapHandle = {
      getCanvas(): HTMLCanvasElement;
      project(point: [number, number]): { x: number; y: number };
    };
    const { map, layers } = (
      window as unknown as { __casba: { map: MapHandle; layers: unknown[] } }
    ).__casba;
    const layer = (layers ?? [])
      .flat(3)
      .find((entry) => (entry as LabelLayer)?.id === 'territory-labels') as LabelLayer | undefined;
    const origin = map.getCanvas().getBoundingClientRect();
    const element = document.querySelector(target)?.getBoundingClientRect();
    if (element === undefined) throw new Error(`${target} absent`);
    const { left, top, right, bottom } = element;
    return {
      obstacle: [left - origin.left, top - origin.top, right - origin.left, bottom - origin.top],
      labels: (layer?.state?.placed ?? []).map(({ text, position }) => ({
        text,
        ...map.project(position),
      })),
    };
  }, selector);
  const [left, top, right, bottom] = drawn.obstacle as LabelBox;
  return drawn.labels
    .filter((label) => {
      const box = labelBox(
        { ...label, priority: 0 },
        { width: 0, height: 0, fontSize: LABEL_FONT_SIZE },
      );
      return box[0] < right && left < box[2] && box[1] < bottom && top < box[3];
    })
    .map((label) => label.text);
}

/** Waits until the names drawn differ from `before` and none meets the element `selector`. */
async function expectPlacedAround(page: Page, selector: string, before: string[]): Promise<void> {
  const state = async () => ({
    under: await namesUnder(page, selector),
    moved: (await territoryNames(page)).placed.join('|') !== before.join('|'),
  });
  await expect.poll(state, { timeout: 30_000, interval: 300 }).toEqual({ under: [], moved: true });
}

/**
 * Names are placed around what covers the map, and again when that changes without the view
 * changing: the legend grows over names (none stays under it), shrinks back (the same names as
 * before), a new obstacle appears (none under it) and goes (the same names again). The map must
 * show enough names that the grown legend and the new obstacle each cover some.
 */
export async function expectNamesFollowObstacles(page: Page, shot: string): Promise<void> {
  const names = async () => (await territoryNames(page)).placed;
  const before = await names();
  const map = await page.locator('[data-testid="map"]').boundingBox();
  if (map === null) throw new Error('carte absente');
  await page.evaluate(
    ({ width, height }) => {
      const legend = document.querySelector<HTMLElement>('[data-testid="legend"]');
      legend?.style.setProperty('max-width', 'none');
      legend?.style.setProperty('width', `${width}px`);
      legend?.style.setProperty('height', `${height}px`);
    },
    { width: Math.round(map.width * 0.5), height: Math.round(map.height * 0.6) },
  );
  await expectPlacedAround(page, '[data-testid="legend"]', before);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shot}-legend-grown.png` });
  await page.evaluate(() => {
    const legend = document.querySelector<HTMLElement>('[data-testid="legend"]');
    for (const property of ['max-width', 'width', 'height']) legend?.style.removeProperty(property);
  });
  await expect.poll(names, { timeout: 30_000, interval: 300 }).toEqual(before);

  await page.evaluate(() => {
    const cover = document.createElement('div');
    cover.id = 'test-obstacle';
    cover.dataset.labelObstacle = '';
    cover.style.cssText = 'position:absolute;top:25%;left:40%;width:35%;height:40%;z-index:3';
    document.querySelector('[data-testid="map"]')?.append(cover);
  });
  await expectPlacedAround(page, '#test-obstacle', before);
  await page.evaluate(() => document.getElementById('test-obstacle')?.remove());
  await expect.poll(names, { timeout: 30_000, interval: 300 }).toEqual(before);
}
