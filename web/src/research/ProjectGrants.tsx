import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form, Radio, RadioGroup, Label } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SPECIES } from '../collection/collection-operations';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { Empty, ErrorMessage, FormErrors } from '../ui/Status';
import { grantDescription, type DescribedGrant } from './grant-description';
import { GRANT_PROJECT_ACCESS, REVOKE_PROJECT_GRANT } from './project-operations';
import { OptionsSelect } from './OptionsSelect';
import { FARMS } from './research-operations';

interface Grant extends DescribedGrant {
  id: string;
  createdAt: string;
  organization: { id: string };
}

type Kind = 'species' | 'farm' | 'animals';
/** The fields each kind of form shows its errors at; the others' errors are listed above the button. */
const SHOWN_FIELDS: Record<Kind, string[]> = {
  species: ['selection.species'],
  farm: ['selection.farmId', 'selection.groupId', 'selection.species'],
  animals: ['animalIds'],
};
/** The group select's choice for "the whole farm". */
const WHOLE_FARM = 'whole-farm';
/** The species select's choice for "any species" on a farm. */
const ANY_SPECIES = 'any-species';

interface ProjectGrantsProps {
  projectId: string;
  grants: readonly Grant[];
  myOrganizationId?: string;
  /** OWNER or ADMIN of the caller's organisation: only they grant its animals or revoke its grants. */
  canGrant: boolean;
}

/**
 * The animals shared with the project (grants in force); a manager shares their organisation's by species, by farm or
 * management group (the animals assigned there, as they come and go), or a list, and revokes.
 */
export function ProjectGrants({ projectId, grants, myOrganizationId, canGrant }: ProjectGrantsProps) {
  const refetch = { refetchQueries: ['WebResearchProject'] };
  const species = useQuery(SPECIES, { skip: !canGrant });
  const farms = useQuery(FARMS, { skip: !canGrant });
  const [grant, granting] = useMutation(GRANT_PROJECT_ACCESS, refetch);
  const [revoke, revoking] = useMutation(REVOKE_PROJECT_GRANT, refetch);
  const [kind, setKind] = useState<Kind>('species');
  const [speciesId, setSpeciesId] = useState('');
  const [farmId, setFarmId] = useState('');
  const [groupId, setGroupId] = useState(WHOLE_FARM);
  const [farmSpecies, setFarmSpecies] = useState(ANY_SPECIES);
  const [picked, setPicked] = useState<PickedAnimal[]>([]);
  const [picking, setPicking] = useState<PickedAnimal | null>(null);
  const errors = codedErrors(granting.error);
  const byField = fieldErrors(errors);
  const speciesName = (id: string) => species.data?.species.find((s) => s.id === id)?.commonName ?? id;
  const speciesOptions = (species.data?.species ?? []).map((s) => ({ id: s.id, label: s.commonName }));
  const groups = farms.data?.farms.find((farm) => farm.id === farmId)?.groups ?? [];

  function farmSelection() {
    return {
      farmId,
      ...(groupId === WHOLE_FARM ? {} : { groupId }),
      ...(farmSpecies === ANY_SPECIES ? {} : { species: farmSpecies }),
    };
  }

  const complete: Record<Kind, boolean> = { species: speciesId !== '', farm: farmId !== '', animals: picked.length > 0 };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const selection = kind === 'species' ? { species: speciesId } : kind === 'farm' ? farmSelection() : { animalIds: picked.map((animal) => animal.id) };
    const result = await grant({ variables: { projectId, selection } }).catch(() => undefined);
    if (result?.data) setPicked([]);
  }

  return (
    <section aria-labelledby="grants-title" className="card">
      <h2 id="grants-title">Shared animals</h2>
      {grants.length === 0 ? (
        <Empty>No organisation shares animals with this project yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">By</th>
              <th scope="col">Since</th>
              {canGrant && <th scope="col">Revoke</th>}
            </tr>
          </thead>
          <tbody>
            {grants.map((given) => {
              const what = grantDescription(given, speciesName);
              const ours = given.organization.id === myOrganizationId;
              return (
                <tr key={given.id}>
                  <td>{what}</td>
                  <td>{ours ? 'Your organisation' : 'Another organisation'}</td>
                  <td>{new Date(given.createdAt).toLocaleDateString()}</td>
                  {canGrant && (
                    <td>
                      {ours && (
                        <Button className="button" isDisabled={revoking.loading} onPress={() => revoke({ variables: { id: given.id } }).catch(() => undefined)}>
                          Revoke {what.toLowerCase()}
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ErrorMessage error={revoking.error} />
      {canGrant && (
        <>
          <h3>Share your organisation’s animals</h3>
          <p className="muted">Members then read these animals’ details, pedigrees and measurements, private ones included; every read is logged.</p>
          <Form className="form" validationBehavior="aria" onSubmit={submit}>
            <RadioGroup className="field" value={kind} onChange={(value) => setKind(value as Kind)} orientation="horizontal">
              <Label>Share</Label>
              <Radio className="radio" value="species">
                Every animal of a species
              </Radio>
              <Radio className="radio" value="farm">
                A farm or group’s animals
              </Radio>
              <Radio className="radio" value="animals">
                Chosen animals
              </Radio>
            </RadioGroup>
            {kind === 'species' && (
              <OptionsSelect
                label="Species to share"
                emptyText="loading species…"
                value={speciesId}
                onChange={setSpeciesId}
                error={byField['selection.species']}
                options={speciesOptions}
              />
            )}
            {kind === 'farm' && (
              <>
                <p className="muted">The animals assigned to it now are shared, and from then on those assigned in; one moved away no longer is.</p>
                <OptionsSelect
                  label="Farm to share"
                  emptyText="no farms yet"
                  value={farmId}
                  onChange={(id) => {
                    setFarmId(id);
                    setGroupId(WHOLE_FARM);
                  }}
                  error={byField['selection.farmId']}
                  options={(farms.data?.farms ?? []).map((farm) => ({ id: farm.id, label: farm.name }))}
                />
                <OptionsSelect
                  label="Group on the farm"
                  emptyText="choose a farm first"
                  value={groupId}
                  onChange={setGroupId}
                  error={byField['selection.groupId']}
                  options={[{ id: WHOLE_FARM, label: 'The whole farm' }, ...groups.map((group) => ({ id: group.id, label: group.name }))]}
                />
                <OptionsSelect
                  label="Of species"
                  emptyText="loading species…"
                  value={farmSpecies}
                  onChange={setFarmSpecies}
                  error={byField['selection.species']}
                  options={[{ id: ANY_SPECIES, label: 'Any species' }, ...speciesOptions]}
                />
              </>
            )}
            {kind === 'animals' && (
              <>
                <AnimalPicker
                  label="Animal to share"
                  mineOnly
                  value={picking}
                  error={byField.animalIds}
                  onChange={(animal) => {
                    setPicking(null);
                    if (animal && !picked.some((p) => p.id === animal.id)) setPicked([...picked, animal]);
                  }}
                />
                {picked.length > 0 && (
                  <ul aria-label="Animals to share">
                    {picked.map((animal) => (
                      <li key={animal.id}>
                        {animal.name}{' '}
                        <Button className="button link" onPress={() => setPicked(picked.filter((p) => p.id !== animal.id))}>
                          Take {animal.name} off
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
            <FormErrors sentences={formErrors(errors, SHOWN_FIELDS[kind])} />
            <Button type="submit" className="button primary" isDisabled={granting.loading || !complete[kind]}>
              Share with the project
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
