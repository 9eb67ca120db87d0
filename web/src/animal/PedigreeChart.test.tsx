// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { PedigreeChart } from './PedigreeChart';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let container: HTMLElement;

async function render(entries: Parameters<typeof PedigreeChart>[0]['entries'], generations: number) {
  container = document.createElement('div');
  document.body.append(container);
  const router = createMemoryRouter(
    [{ path: '/animals/:id', element: <PedigreeChart subject={{ id: 'pup', name: 'Pup' }} entries={entries} generations={generations} /> }],
    { initialEntries: ['/animals/pup'] },
  );
  await act(async () => createRoot(container).render(<RouterProvider router={router} />));
  return router;
}

afterEach(() => container.remove());

describe('the pedigree chart', () => {
  it('links every known ancestor, draws unknown or private ones unnamed and unlinked, and follows a link in the app', async () => {
    const router = await render(
      [
        { position: 'S', generation: 1, animal: { id: 'sire', name: 'Apollo' } },
        { position: 'D', generation: 1, animal: null },
        { position: 'SS', generation: 2, animal: { id: 'grandsire', name: 'Zeus' } },
        { position: 'SD', generation: 2, animal: null },
      ],
      4,
    );
    const figure = container.querySelector('figure')!;
    expect(figure.getAttribute('aria-label')).toBe('Pedigree of Pup, 4 generations');
    const links = [...container.querySelectorAll('a')].map((a) => [a.getAttribute('aria-label'), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Sire line S: Apollo', '/animals/sire'],
      ['Sire line SS: Zeus', '/animals/grandsire'],
    ]);
    const redacted = [...container.querySelectorAll('.pedigree-box.redacted text')].map((text) => text.textContent);
    expect(redacted).toEqual(['Unknown or private', 'Unknown or private']);
    // One line from each parent box to its child.
    expect(container.querySelectorAll('.pedigree-line')).toHaveLength(4);

    // An SVG link has no click(): dispatch the event a mouse click makes.
    const grandsire = container.querySelector('a[href="/animals/grandsire"]')!;
    await act(async () => void grandsire.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(router.state.location.pathname).toBe('/animals/grandsire');
  });
});
