import { graphqlData } from './graphql-client.js';

interface DemoAnimal {
  id: string;
  sex: string;
  hatchDate: string | null;
}

const RECORD = 'mutation($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id } }';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * Three ball python pairings for the playground's live-session example: last season's, ended with
 * its hatchlings registered; one incubating (candled, ready for HATCHED); one just introduced.
 * Loaded once: skipped when the organisation already has a breeding session.
 */
export async function loadBreedingSessions(url: string, token: string): Promise<boolean> {
  const existing = await graphqlData(url, '{ breedingSessions(first: 1) { edges { node { id } } } }', {}, token);
  if (existing.breedingSessions.edges.length > 0) return false;
  const { animals } = await graphqlData(
    url,
    '{ animals(first: 200, filter: { mine: true, species: "Ball python" }) { edges { node { id sex hatchDate } } } }',
    {},
    token,
  );
  // Adults hatched before 2023, so their hatchlings are younger than them.
  const adults = (animals.edges as { node: DemoAnimal }[]).map((e) => e.node).filter((a) => a.hatchDate && a.hatchDate < '2023-01-01');
  const males = adults.filter((a) => a.sex === 'MALE');
  const females = adults.filter((a) => a.sex === 'FEMALE');
  if (males.length < 3 || females.length < 3) return false;

  const seasons: { notes: string; events: Record<string, unknown>[] }[] = [
    {
      notes: 'Last season: a full clutch, hatchlings registered',
      events: [
        { type: 'INTRODUCED', occurredAt: '2025-10-01T18:00:00Z' },
        { type: 'LOCK_OBSERVED', occurredAt: '2025-10-04T21:30:00Z', notes: 'Locked for about six hours' },
        { type: 'OVULATION', occurredAt: '2026-01-20T09:00:00Z', notes: 'Mid-body swelling for a day' },
        { type: 'PRE_LAY_SHED', occurredAt: '2026-02-08T08:00:00Z' },
        { type: 'EGGS_LAID', occurredAt: '2026-03-10T07:15:00Z', eggCount: 7 },
        { type: 'CANDLED', occurredAt: '2026-03-24T10:00:00Z', fertileCount: 6 },
        { type: 'HATCHED', occurredAt: '2026-05-06T12:00:00Z', hatchedCount: 6, registerHatchlings: 6 },
        { type: 'ENDED', occurredAt: '2026-05-08T12:00:00Z' },
      ],
    },
    {
      notes: 'Incubating at 31.5 °C',
      events: [
        { type: 'INTRODUCED', occurredAt: daysAgo(150) },
        { type: 'LOCK_OBSERVED', occurredAt: daysAgo(146) },
        { type: 'LOCK_OBSERVED', occurredAt: daysAgo(139), notes: 'Second lock' },
        { type: 'OVULATION', occurredAt: daysAgo(70) },
        { type: 'PRE_LAY_SHED', occurredAt: daysAgo(52) },
        { type: 'EGGS_LAID', occurredAt: daysAgo(24), eggCount: 8 },
        { type: 'CANDLED', occurredAt: daysAgo(10), fertileCount: 7, notes: 'One slug' },
      ],
    },
    { notes: 'First pairing of this female', events: [{ type: 'INTRODUCED', occurredAt: daysAgo(1) }] },
  ];
  for (const [i, season] of seasons.entries()) {
    const { startBreedingSession } = await graphqlData(
      url,
      'mutation($input: StartBreedingSessionInput!) { startBreedingSession(input: $input) { id } }',
      // Started when the pair went together: the first event may not predate the session.
      { input: { sireId: males[i].id, damId: females[i].id, notes: season.notes, startedAt: season.events[0].occurredAt } },
      token,
    );
    for (const event of season.events) await graphqlData(url, RECORD, { input: { sessionId: startBreedingSession.id, ...event } }, token);
  }
  return true;
}
