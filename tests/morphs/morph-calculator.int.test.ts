import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createIdentitySigner, IDENTITY_HEADER } from '@studbook/platform';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, asServiceRole, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import type { GenotypeInput } from '../__generated__/graphql.js';
import type { GraphQLResponse } from '../../embedded/src/graphql-client.js';

const SET_GENOTYPE = graphql(`
  mutation SetGenotype($animalId: ID!, $genotype: String!) {
    setGenotype(animalId: $animalId, genotype: $genotype) {
      id
      genotype { notation phenotype visual { name copies gene { name } } hets { gene { name } fraction } possibleHets { gene { name } fraction label } }
    }
  }
`);

const PREDICT = graphql(`
  query PredictOffspring($sire: GenotypeInput!, $dam: GenotypeInput!, $species: String) {
    predictOffspring(sire: $sire, dam: $dam, species: $species) {
      species { commonName }
      sire { notation }
      dam { notation }
      outcomes { name phenotype probability fraction possibleHets { gene { name } label fraction probability } }
      lethalForms
      lethalProbability
      lethalFraction
    }
  }
`);

const GENOTYPE_OF = graphql(`query MorphCalculatorGenotypeOf($id: ID!) { animal(id: $id) { id genotype { notation phenotype } } }`);

let breeder: Member;
let rival: Member;

beforeAll(async () => {
  [breeder, rival] = await Promise.all([newOrganization('Morphs'), newOrganization('Morph rival')]);
});

const predict = (sire: GenotypeInput, dam: GenotypeInput, member: Member, species?: string) => gql(PREDICT, { sire, dam, ...(species ? { species } : {}) }, member.token);

const table = (outcomes: { name: string; fraction: string }[]) => outcomes.map(({ name, fraction }) => [name, fraction]);

describe('the gene catalog', () => {
  it('lists each species its genes, seeded by the migration', async () => {
    const data = await gqlData(
      graphql(`query MorphCalculatorSpecies { species { commonName genes { name inheritance aliases superName lethalSuper locus compoundPhenotype } } }`),
      {},
      breeder.token,
    );
    const genesOf = (name: string) => data.species.find((species) => species.commonName === name)!.genes;
    const ballPython = new Map(genesOf('Ball python').map((gene) => [gene.name, gene]));
    expect(ballPython.get('Pastel')).toEqual({
      name: 'Pastel',
      inheritance: 'INCOMPLETE_DOMINANT',
      aliases: [],
      superName: 'Super Pastel',
      lethalSuper: false,
      locus: 'Pastel',
      compoundPhenotype: null,
    });
    expect(ballPython.get('Yellow Belly')).toMatchObject({ superName: 'Ivory', aliases: ['YB'] });
    expect(ballPython.get('Clown')).toMatchObject({ inheritance: 'RECESSIVE', superName: null });
    expect(ballPython.get('Hypo')).toMatchObject({ aliases: ['Ghost'] });
    expect(ballPython.get('Banana')).toMatchObject({ aliases: ['Coral Glow'] });
    expect(ballPython.get('Spider')).toMatchObject({ inheritance: 'DOMINANT', lethalSuper: true });
    expect(ballPython.get('Pinstripe')).toMatchObject({ inheritance: 'DOMINANT', lethalSuper: false });
    const bel = [...ballPython.values()].filter((gene) => gene.locus === 'BEL').map((gene) => gene.name);
    expect(bel).toEqual(['Butter', 'Lesser', 'Mocha', 'Mojave', 'Mystic', 'Phantom', 'Russo', 'Special']);
    expect(ballPython.get('Lesser')).toMatchObject({ compoundPhenotype: 'Blue-Eyed Leucistic', aliases: ['Lesser Platinum'] });
    expect(genesOf('Sheep')).toEqual([]);
  });
});

describe('predictOffspring with written genotypes', () => {
  it('returns every class with exact fractions that add up to 1', async () => {
    const { data, errors } = await predict({ genotype: 'Pastel Het Clown' }, { genotype: 'het clown' }, breeder);
    expect(errors).toBeUndefined();
    const prediction = data!.predictOffspring;
    expect(prediction.species.commonName).toBe('Ball python');
    expect([prediction.sire.notation, prediction.dam.notation]).toEqual(['Pastel Het Clown', 'Het Clown']);
    expect(table(prediction.outcomes)).toEqual([
      ['66% Het Clown', '3/8'],
      ['Pastel 66% Het Clown', '3/8'],
      ['Clown', '1/8'],
      ['Pastel Clown', '1/8'],
    ]);
    expect(prediction.outcomes.map((outcome) => outcome.probability)).toEqual([0.375, 0.375, 0.125, 0.125]);
    const normal = prediction.outcomes.find((outcome) => outcome.phenotype === 'Normal');
    expect(normal!.possibleHets).toEqual([{ gene: { name: 'Clown' }, label: '66%', fraction: '2/3', probability: 2 / 3 }]);
  });

  it('leaves out lethal supers and says so', async () => {
    const { data } = await predict({ genotype: 'Spider' }, { genotype: 'Spider' }, breeder);
    expect(table(data!.predictOffspring.outcomes)).toEqual([
      ['Spider', '2/3'],
      ['Normal', '1/3'],
    ]);
    expect(data!.predictOffspring).toMatchObject({ lethalForms: ['Super Spider'], lethalProbability: 0.25, lethalFraction: '1/4' });
  });

  it('names a Lesser × Mojave Blue-Eyed Leucistic by its look and lists its genotypes', async () => {
    const { data } = await gql(
      graphql(`query BlueEyedLeucisticOutcomes { predictOffspring(sire: { genotype: "Lesser Mojave" }, dam: { genotype: "Lesser Het Clown" }) {
        outcomes { name phenotype fraction genotypes { fraction genotype { notation visual { name copies } possibleHets { label } } } }
      } }`),
      {},
      breeder.token,
    );
    const bel = data!.predictOffspring.outcomes.find((outcome) => outcome.name === 'Blue-Eyed Leucistic 50% Het Clown');
    expect(bel).toEqual({
      name: 'Blue-Eyed Leucistic 50% Het Clown',
      phenotype: 'Blue-Eyed Leucistic',
      fraction: '1/2',
      genotypes: [
        {
          fraction: '1/2',
          genotype: {
            notation: 'Lesser Mojave 50% Het Clown',
            visual: [
              { name: 'Lesser', copies: 1 },
              { name: 'Mojave', copies: 1 },
            ],
            possibleHets: [{ label: '50%' }],
          },
        },
        { fraction: '1/2', genotype: { notation: 'Super Lesser 50% Het Clown', visual: [{ name: 'Super Lesser', copies: 2 }], possibleHets: [{ label: '50%' }] } },
      ],
    });
  });

  it('reads genotypes as the species asked for', async () => {
    const { data } = await predict({ genotype: 'Mack Snow' }, { genotype: 'Mack Snow' }, breeder, 'Leopard gecko');
    expect(table(data!.predictOffspring.outcomes)).toEqual([
      ['Mack Snow', '1/2'],
      ['Normal', '1/4'],
      ['Super Snow', '1/4'],
    ]);
  });

  it.each([
    [{ genotype: 'Pastel Bananna' }, { genotype: 'Normal' }, undefined, 'sire.genotype', 'Unknown gene "Bananna" for Ball python'],
    [{ genotype: 'Normal' }, { genotype: 'Lesser Mojave Butter' }, undefined, 'dam.genotype', 'An animal carries at most two BEL alleles, not Lesser, Mojave and Butter'],
    [{ genotype: 'Pastel' }, { genotype: 'Normal' }, 'Sheep', 'sire.genotype', 'Unknown gene "Pastel" for Sheep'],
    [{ genotype: 'Pastel', animalId: '00000000-0000-4000-8000-000000000001' }, { genotype: 'Normal' }, undefined, 'sire', 'Give exactly one of animalId and genotype'],
    [{}, { genotype: 'Normal' }, undefined, 'sire', 'Give exactly one of animalId and genotype'],
    [{ genotype: 'Normal' }, { animalId: 'not-an-id' }, undefined, 'dam.animalId', 'dam.animalId must be a UUID'],
    [{ genotype: 'Normal' }, { genotype: 'Normal' }, 'Dragon', 'species', 'Unknown species "Dragon"'],
  ])('refuses %j × %j (%s) naming the problem', async (sire, dam, species, field, message) => {
    const { data, errors } = await predict(sire, dam, breeder, species);
    expect(data ?? null).toBeNull();
    expect(errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
  });
});

describe('recorded genotypes', () => {
  it('setGenotype stores the normalised notation, and predictOffspring uses it by animal id', async () => {
    const sire = await createAnimal(breeder, { name: 'Pastel het Clown male', sex: 'MALE' });
    const dam = await createAnimal(breeder, { name: 'Het Clown female', sex: 'FEMALE' });
    const set = await gqlData(SET_GENOTYPE, { animalId: sire.id, genotype: 'het clown, pastel' }, breeder.token);
    expect(set.setGenotype.genotype).toEqual({
      notation: 'Pastel Het Clown',
      phenotype: 'Pastel',
      visual: [{ name: 'Pastel', copies: 1, gene: { name: 'Pastel' } }],
      hets: [{ gene: { name: 'Clown' }, fraction: '1' }],
      possibleHets: [],
    });
    await gqlData(SET_GENOTYPE, { animalId: dam.id, genotype: '66% pos het Clown' }, breeder.token);
    await gqlData(SET_GENOTYPE, { animalId: dam.id, genotype: 'Het Clown' }, breeder.token);

    const { data, errors } = await predict({ animalId: sire.id }, { animalId: dam.id }, breeder);
    expect(errors).toBeUndefined();
    expect([data!.predictOffspring.sire.notation, data!.predictOffspring.dam.notation]).toEqual(['Pastel Het Clown', 'Het Clown']);
    expect(table(data!.predictOffspring.outcomes)).toEqual([
      ['66% Het Clown', '3/8'],
      ['Pastel 66% Het Clown', '3/8'],
      ['Clown', '1/8'],
      ['Pastel Clown', '1/8'],
    ]);

    const [row] = await asAdmin('animal', 'select notation, genes, tenant_id from animal_genotypes where animal_id = $1', [sire.id]);
    expect(row).toEqual({
      notation: 'Pastel Het Clown',
      genes: [
        { gene: 'Pastel', copies: 1 },
        { gene: 'Clown', copies: 1 },
      ],
      tenant_id: breeder.organizationId,
    });
    const events = await asAdmin(
      'animal',
      `select event_type, payload->>'notation' as notation from outbox where aggregate_id = $1 and event_type = 'animal.genotypeSet' order by version`,
      [dam.id],
    );
    expect(events).toEqual([
      { event_type: 'animal.genotypeSet', notation: '66% Het Clown' },
      { event_type: 'animal.genotypeSet', notation: 'Het Clown' },
    ]);
    const audit = await asAdmin('animal', `select action from audit_log where table_name = 'animal_genotypes' and record_id = $1 order by id`, [dam.id]);
    expect(audit.map(({ action }) => action)).toEqual(['INSERT', 'UPDATE']);
  });

  it('labels breeding statistics with a genotype as soon as it is recorded', async () => {
    const keeper = await newOrganization('Morph stats');
    const sire = await createAnimal(keeper, { name: 'Stats sire', sex: 'MALE', hatchDate: '2018-05-01' });
    const dam = await createAnimal(keeper, { name: 'Stats dam', sex: 'FEMALE', hatchDate: '2019-05-01' });
    await gqlData(
      graphql(`mutation MorphCalculatorStartBreedingSession($input: StartBreedingSessionInput!) { startBreedingSession(input: $input) { id } }`),
      { input: { sireId: sire.id, damId: dam.id } },
      keeper.token,
    );
    const stats = async () =>
      (await gqlData(graphql(`query MorphCalculatorBreedingStats { breedingStats(species: "Ball python") { sireMorph damMorph sessions } }`), {}, keeper.token))
        .breedingStats;
    expect(await stats()).toEqual([{ sireMorph: 'Normal', damMorph: 'Normal', sessions: 1 }]);
    await gqlData(SET_GENOTYPE, { animalId: sire.id, genotype: 'pastel het clown' }, keeper.token);
    expect(await stats()).toEqual([{ sireMorph: 'Pastel Het Clown', damMorph: 'Normal', sessions: 1 }]);
  });

  it('an animal without a recorded genotype has none, and pairs as Normal', async () => {
    const sire = await createAnimal(breeder, { name: 'Unrecorded male', sex: 'MALE' });
    expect((await gqlData(GENOTYPE_OF, { id: sire.id }, breeder.token)).animal!.genotype).toBeNull();
    const { data } = await predict({ animalId: sire.id }, { genotype: 'Clown' }, breeder);
    expect(table(data!.predictOffspring.outcomes)).toEqual([['Het Clown', '1']]);
  });

  it('refuses an invalid genotype and writes nothing, keeping the recorded one', async () => {
    const animal = await createAnimal(breeder, { name: 'Keeps its genotype', sex: 'FEMALE' });
    await gqlData(SET_GENOTYPE, { animalId: animal.id, genotype: 'Lesser' }, breeder.token);
    const before = await tenantFootprint('animal', breeder.organizationId);
    for (const [genotype, message] of [
      ['Lesser Mojave Butter', 'An animal carries at most two BEL alleles, not Lesser, Mojave and Butter'],
      ['Pastel Lemon Blast Het Clown', 'Unknown gene "Lemon Blast" for Ball python'],
      ['Super Spider', 'Super Spider is lethal: no living animal carries two copies of Spider'],
    ]) {
      const { data, errors } = await gql(SET_GENOTYPE, { animalId: animal.id, genotype }, breeder.token);
      expect(data ?? null).toBeNull();
      expect(errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'genotype' } });
    }
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(before);
    expect((await gqlData(GENOTYPE_OF, { id: animal.id }, breeder.token)).animal!.genotype).toEqual({ notation: 'Lesser', phenotype: 'Lesser' });
  });

  it('deleting an animal deletes its genotype', async () => {
    const animal = await createAnimal(breeder, { name: 'Short-lived', sex: 'FEMALE' });
    await gqlData(SET_GENOTYPE, { animalId: animal.id, genotype: 'Pastel' }, breeder.token);
    await gqlData(graphql(`mutation MorphCalculatorDeleteAnimal($id: ID!) { deleteAnimal(id: $id) }`), { id: animal.id }, breeder.token);
    expect(await asAdmin('animal', 'select 1 from animal_genotypes where animal_id = $1', [animal.id])).toEqual([]);
  });
});

describe('who may record and use genotypes', () => {
  it('refuses a viewer, and writes nothing', async () => {
    const animal = await createAnimal(breeder, { name: 'Viewer target', sex: 'MALE' });
    const before = await tenantFootprint('animal', breeder.organizationId);
    const viewer = await createIdentitySigner(inject('identityPrivateKey')).sign({
      kind: 'user',
      userId: 'viewer-1',
      organizationId: breeder.organizationId,
      role: 'VIEWER',
    });
    const response = await fetch(inject('subgraphUrls').animal, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: viewer },
      body: JSON.stringify({ query: SET_GENOTYPE.toString(), variables: { animalId: animal.id, genotype: 'Pastel' } }),
    });
    const body = (await response.json()) as GraphQLResponse<unknown>;
    expect(body.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(body.data).toBeNull();
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(before);
  });

  it("another organisation's private animal cannot be used or changed: not found", async () => {
    const secret = await createAnimal(breeder, { name: 'Private Clown', sex: 'MALE' });
    await gqlData(SET_GENOTYPE, { animalId: secret.id, genotype: 'Clown' }, breeder.token);
    const before = await tenantFootprint('animal', breeder.organizationId);

    const used = await predict({ animalId: secret.id }, { genotype: 'Normal' }, rival);
    expect(used.data ?? null).toBeNull();
    expect(used.errors![0]).toMatchObject({ message: 'Sire not found', extensions: { code: 'NOT_FOUND', field: 'sire.animalId' } });
    expect(used.errors![0].message).not.toContain('Clown');

    const changed = await gql(SET_GENOTYPE, { animalId: secret.id, genotype: 'Normal' }, rival.token);
    expect(changed.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(before);
    expect(await asAdmin('animal', 'select 1 from animal_genotypes where tenant_id = $1', [rival.organizationId])).toEqual([]);
  });

  it("another organisation's public animal brings its genotype, read-only, until it is made private", async () => {
    const stud = await createAnimal(breeder, { name: 'Public Pastel stud', sex: 'MALE', visibility: 'PUBLIC' });
    await gqlData(SET_GENOTYPE, { animalId: stud.id, genotype: 'Pastel Het Clown' }, breeder.token);
    const dam = await createAnimal(rival, { name: 'Rival Clown female', sex: 'FEMALE' });
    await gqlData(SET_GENOTYPE, { animalId: dam.id, genotype: 'Clown' }, rival.token);

    expect((await gqlData(GENOTYPE_OF, { id: stud.id }, rival.token)).animal!.genotype!.notation).toBe('Pastel Het Clown');
    const { data } = await predict({ animalId: stud.id }, { animalId: dam.id }, rival);
    expect(table(data!.predictOffspring.outcomes)).toEqual([
      ['Clown', '1/4'],
      ['Het Clown', '1/4'],
      ['Pastel Clown', '1/4'],
      ['Pastel Het Clown', '1/4'],
    ]);
    const changed = await gql(SET_GENOTYPE, { animalId: stud.id, genotype: 'Normal' }, rival.token);
    expect(changed.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    await gqlData(
      graphql(`mutation MorphCalculatorUpdateAnimal($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`),
      { id: stud.id },
      breeder.token,
    );
    expect((await gqlData(GENOTYPE_OF, { id: stud.id }, rival.token)).animal).toBeNull();
    // Behind the gateway too: the row itself is out of the rival's reach under RLS.
    const client = await asServiceRole('animal');
    try {
      await client.query('begin');
      await client.query(`select set_config('app.current_tenant_id', $1, true)`, [rival.organizationId]);
      const { rows } = await client.query('select notation from animal_genotypes where animal_id = $1', [stud.id]);
      expect(rows).toEqual([]);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('refuses a female sire and a pairing across species', async () => {
    const female = await createAnimal(breeder, { name: 'Female', sex: 'FEMALE' });
    const gecko = await createAnimal(breeder, { name: 'Gecko', sex: 'FEMALE', species: 'Leopard gecko' });
    const male = await createAnimal(breeder, { name: 'Male', sex: 'MALE' });
    const femaleSire = await predict({ animalId: female.id }, { genotype: 'Normal' }, breeder);
    expect(femaleSire.errors![0]).toMatchObject({ message: 'Sire must not be female', extensions: { code: 'BAD_USER_INPUT', field: 'sire.animalId' } });
    const acrossSpecies = await predict({ animalId: male.id }, { animalId: gecko.id }, breeder);
    expect(acrossSpecies.errors![0]).toMatchObject({ message: 'Sire and dam must be of the same species', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
