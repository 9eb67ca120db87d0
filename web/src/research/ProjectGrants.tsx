import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form, Radio, RadioGroup, Label } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SPECIES } from '../collection/collection-operations';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { Empty, ErrorMessage, FormErrors } from '../ui/Status';
import { GRANT_PROJECT_ACCESS, REVOKE_PROJECT_GRANT } from './project-operations';
import { OptionsSelect } from './OptionsSelect';

interface Grant {
  id: string;
  species?: string | null;
  animalIds: readonly string[];
  createdAt: string;
  organization: { id: string };
}

interface ProjectGrantsProps {
  projectId: string;
  grants: readonly Grant[];
  myOrganizationId?: string;
  /** OWNER or ADMIN of the caller's organisation: only they grant its animals or revoke its grants. */
  canGrant: boolean;
}

/** The animals shared with the project (grants in force); a manager shares their organisation's by species or a list, and revokes. */
export function ProjectGrants({ projectId, grants, myOrganizationId, canGrant }: ProjectGrantsProps) {
  const refetch = { refetchQueries: ['WebResearchProject'] };
  const species = useQuery(SPECIES, { skip: !canGrant });
  const [grant, granting] = useMutation(GRANT_PROJECT_ACCESS, refetch);
  const [revoke, revoking] = useMutation(REVOKE_PROJECT_GRANT, refetch);
  const [kind, setKind] = useState<'species' | 'animals'>('species');
  const [speciesId, setSpeciesId] = useState('');
  const [picked, setPicked] = useState<PickedAnimal[]>([]);
  const [picking, setPicking] = useState<PickedAnimal | null>(null);
  const errors = codedErrors(granting.error);
  const byField = fieldErrors(errors);
  const speciesName = (id?: string | null) => species.data?.species.find((s) => s.id === id)?.commonName ?? id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const selection = kind === 'species' ? { species: speciesId } : { animalIds: picked.map((animal) => animal.id) };
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
              const what = [given.species ? `Every ${speciesName(given.species)}` : null, given.animalIds.length > 0 ? `${given.animalIds.length} listed animals` : null]
                .filter(Boolean)
                .join(' and ');
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
            <RadioGroup className="field" value={kind} onChange={(value) => setKind(value as 'species' | 'animals')} orientation="horizontal">
              <Label>Share</Label>
              <Radio className="radio" value="species">
                Every animal of a species
              </Radio>
              <Radio className="radio" value="animals">
                Chosen animals
              </Radio>
            </RadioGroup>
            {kind === 'species' ? (
              <OptionsSelect
                label="Species to share"
                emptyText="loading species…"
                value={speciesId}
                onChange={setSpeciesId}
                error={byField.species}
                options={(species.data?.species ?? []).map((s) => ({ id: s.id, label: s.commonName }))}
              />
            ) : (
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
            <FormErrors sentences={formErrors(errors, kind === 'species' ? ['species'] : ['animalIds'])} />
            <Button type="submit" className="button primary" isDisabled={granting.loading || (kind === 'species' ? speciesId === '' : picked.length === 0)}>
              Share with the project
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
