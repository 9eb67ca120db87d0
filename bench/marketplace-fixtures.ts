import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** A species as the generated marketplace lists it: its share of listings and its catalog genes. */
interface SpeciesMix {
  name: string;
  share: number;
  genes: { name: string; recessive: boolean }[];
}

const NAMES = ['Bozo', 'Jester', 'Nova', 'Pixel', 'Saffron', 'Ember', 'Onyx', 'Maple', 'Zeus', 'Luna', 'Biscuit', 'Pepper', 'Willow', 'Comet', 'Dolly', 'Shaun'];
const WORDS = ['proven breeder', 'feeding on frozen thawed', 'great temperament', 'from our 2024 clutch', 'holdback quality', 'high contrast', 'clean sheds'];

/** The catalog's genes per species, from the animal database (the generated marketplace uses real names). */
export async function speciesMix(animalAdmin: pg.Client): Promise<SpeciesMix[]> {
  const { rows } = await animalAdmin.query<{ name: string; genes: { name: string; recessive: boolean }[] }>(
    `select s.common_name as name, coalesce(json_agg(json_build_object('name', g.name, 'recessive', g.inheritance = 'RECESSIVE')) filter (where g.name is not null), '[]') as genes
     from species s left join genes g on g.species_id = s.id where s.common_name in ('Ball python', 'Corn snake', 'Leopard gecko', 'Sheep') group by s.common_name`,
  );
  const share: Record<string, number> = { 'Ball python': 0.6, 'Corn snake': 0.15, 'Leopard gecko': 0.15, Sheep: 0.1 };
  return rows.map((row) => ({ ...row, share: share[row.name] }));
}

/** A seeded pseudo-random generator, so two runs generate the same marketplace. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Inserts `count` listings straight into the commerce database as the superuser (tenant ids
 * given, RLS bypassed: a fixture, not a write path), over `sellers` organisations. Each animal
 * carries up to four genes of its species (recessives as hets or visual), priced from 50 to about
 * 20,000 with more cheap than dear, F skewed low, completeness spread. The search projector then
 * finds them all stale and projects them, as it would after a restore.
 */
export async function insertListings(commerceAdmin: pg.Client, mix: SpeciesMix[], count: number, sellers: number): Promise<void> {
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const sellerIds = Array.from({ length: sellers }, () => randomUUID());
  const chunk = 5_000;
  for (let start = 0; start < count; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, count - start) }, () => {
      let roll = next();
      const species = mix.find((s) => (roll -= s.share) < 0) ?? mix[0];
      const genes = [...new Set(Array.from({ length: Math.floor(next() * 5) }, () => pick(species.genes)).filter(Boolean))];
      const one = genes.filter((g) => !g.recessive || next() < 0.5).map((g) => g.name);
      const two = genes.filter((g) => g.recessive && !one.includes(g.name)).map((g) => g.name);
      const visual = [...genes.filter((g) => !g.recessive).map((g) => g.name), ...two];
      const hets = genes.filter((g) => g.recessive && one.includes(g.name)).map((g) => `het ${g.name}`);
      return {
        tenant_id: pick(sellerIds),
        animal_id: randomUUID(),
        price: Math.round(50 * Math.exp(next() * 6)),
        title: `${[...visual, ...hets].join(' ') || 'Normal'} ${species.name}`,
        description: `${pick(WORDS)}, ${pick(WORDS)}.${next() < 0.2 ? ` Sibling of a ${pick(species.genes)?.name ?? 'normal'}.` : ''}`,
        status: next() < 0.95 ? 'ACTIVE' : pick(['DRAFT', 'WITHDRAWN']),
        animal_name: pick(NAMES),
        species_name: species.name,
        sex: pick(['MALE', 'FEMALE', 'UNKNOWN']),
        genes_one: one.sort(),
        genes_two: two.sort(),
        inbreeding: next() < 0.3 ? 0 : next() ** 3 * 0.3,
        completeness: next(),
        ships_to: next() < 0.5 ? ['DE', 'FR', 'NL'] : ['GB'],
        seller_country: pick(['DE', 'FR', 'NL', 'GB', 'US']),
        published_at: new Date(Date.now() - next() * 90 * 86_400_000).toISOString(),
      };
    });
    await commerceAdmin.query(
      `insert into listings (tenant_id, animal_id, price, currency, title, description, status, published_at, animal_name, species_name, sex, genes_one, genes_two,
         inbreeding, completeness, ships_to, seller_country)
       select tenant_id, animal_id, price, 'EUR', title, description, status::listing_status, published_at, animal_name, species_name, sex, genes_one, genes_two,
         inbreeding, completeness, ships_to, seller_country
       from json_populate_recordset(null::listings, $1::json)`,
      [JSON.stringify(rows)],
    );
  }
}

/** Listings whose search row is missing or behind: zero once the projector has caught up. */
export async function staleCount(commerceAdmin: pg.Client): Promise<number> {
  const { rows } = await commerceAdmin.query<{ n: number }>(
    'select count(*)::int as n from listings l left join listing_search s on s.id = l.id where s.id is null or s.revision < l.revision',
  );
  return rows[0].n;
}
