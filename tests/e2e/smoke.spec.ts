import { expect, test } from '@playwright/test';

test('the web build renders the app shell with its title', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Nanograd Studio');
  expect(pageErrors).toEqual([]);
});

test('the web build runs under a CSP that forbids inline scripts, string-eval and plugins', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
  const probe = await page.evaluate(async () => {
    const violated: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violated.push(event.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.append(inline);
    // A string handed to setTimeout is eval'd in the page's own context, where the CSP applies.
    setTimeout('window.__evalRan = true');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ran = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean };
    return {
      inlineRan: ran.__inlineRan === true,
      evalRan: ran.__evalRan === true,
      violated,
      policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    };
  });
  expect(probe.inlineRan).toBe(false);
  expect(probe.evalRan).toBe(false);
  expect(probe.violated).toEqual(expect.arrayContaining(['script-src-elem', 'script-src']));
  expect(probe.policy).toContain("object-src 'none'");
  expect(probe.policy).toContain("base-uri 'none'");
});

test('the web build serves the app icon as its favicon: no 404 on load', async ({ page, request }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
  const icon = await request.get('./favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('icon');
  // An .ico file starts with reserved 0, type 1 (icon).
  expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.ico');
  expect(failed).toEqual([]);
});
