import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS_DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screens');

/** The app's origin: the gateway of the test platform, without /graphql. */
export function appOrigin(): string {
  return new URL(inject('gatewayUrl')).origin;
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors in the page: a flow that passes with one of these has not passed. */
  pageErrors: string[];
  /** Every origin the page fetched from: the gateway's only (no CDN). */
  origins: Set<string>;
}

/** A fresh browser profile (its own localStorage, so its own sign-in) on the app, phone- or desktop-sized. */
export async function openApp(browser: Browser, pathname = '/', viewport = { width: 1280, height: 900 }): Promise<AppPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  const origins = new Set<string>();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !/Failed to load resource/.test(message.text()) && pageErrors.push(message.text()));
  page.on('request', (request) => void origins.add(new URL(request.url()).origin));
  await page.goto(`${appOrigin()}${pathname}`);
  return { page, context, pageErrors, origins };
}

/** Signs up through the app's form, as a new breeder does; returns the email used. */
export async function signUpInApp(page: Page, label: string): Promise<string> {
  const email = `${label.toLowerCase()}-${crypto.randomUUID()}@example.test`;
  await page.goto(`${appOrigin()}/sign-up`);
  await page.getByLabel('Your name').fill(`${label} Keeper`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel(/^Organisation/).fill(`${label} Reptiles`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Collection' }).waitFor();
  return email;
}

/** Signs in through the app's form (users made with newOrganization have this password). */
export async function signInInApp(page: Page, email: string): Promise<void> {
  await page.goto(`${appOrigin()}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Collection' }).waitFor();
}

/** Opens a Select by its label and picks an option. React Aria names its button "<chosen value> <label>". */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types into an animal picker and picks the animal from its list. */
export async function pickAnimal(page: Page, label: string | RegExp, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(name);
  await page
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .first()
    .click();
  await expect.poll(() => box.inputValue()).toBe(name);
}

/** axe-core in the page: no serious or critical violation. Injected over the DevTools protocol, which the CSP does not govern. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`axe.run().then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  expect(violations, `axe on ${what}`).toEqual([]);
}

/** A screenshot for docs/screens/, only with STUDBOOK_SCREENSHOTS=1 (`npm run screens`), so test runs leave the tree clean. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.STUDBOOK_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}
