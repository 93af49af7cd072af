/**
 * Refreshes docs/screenshot.png, the README's picture: a store seeded with the
 * test images under a few names, the Inspect tab open with a JSONPath search.
 *   npm run build && npx tsx scripts/readme-screenshot.ts
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { launchApp, screenshot } from '../e2e/fixtures/app';
import { row } from '../e2e/fixtures/images-page';
import { seedStore } from '../e2e/fixtures/seed';

const seed = await seedStore([
  ['1.35-amd64', 'busybox:1.35'],
  ['1.35-arm64', 'busybox:1.35-arm64'],
  ['1.35', 'registry.example.com:5000/team/busybox:stable'],
]);
for (const [source, target] of [['busybox:1.35', 'myapp/web:2.4.1'], ['busybox:1.35', 'myapp/worker:2.4.1'], ['busybox:1.35-arm64', 'alpine:3.19']]) {
  await seed.berth('tag', source!, target!);
}
const app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 760 } } });
try {
  await row(app.page, 'myapp/web:2.4.1').dblclick();
  const pane = app.page.getByTestId('detail-pane');
  await pane.getByRole('tab', { name: 'Inspect' }).click();
  await pane.getByTestId('jsonpath-input').fill('Config.Labels');
  await pane.getByTestId('jsonpath-status').waitFor();
  const shot = await screenshot(app.page, 'readme');
  await copyFile(shot, path.resolve(import.meta.dirname, '..', 'docs', 'screenshot.png'));
  console.log('wrote docs/screenshot.png');
} finally {
  await app.close();
  await seed.remove();
}
