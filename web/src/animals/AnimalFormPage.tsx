import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useNavigate, useParams } from 'react-router';
import { graphql } from '../__generated__';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { CREATE_ANIMAL, SPECIES, UPDATE_ANIMAL } from '../collection/collection-operations';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { SelectInput } from '../ui/SelectInput';
import { ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';

const EDITED_ANIMAL = graphql(`query WebEditedAnimal($id: ID!) { animal(id: $id) { id name sex hatchDate visibility externalId species { id commonName } } }`);

const FIELDS = ['name', 'species', 'sex', 'hatchDate', 'visibility', 'externalId', 'sireId', 'damId'];
type Sex = 'MALE' | 'FEMALE' | 'UNKNOWN';
type Visibility = 'PRIVATE' | 'LINEAGE' | 'PUBLIC';

/** Add an animal (/animals/new) or edit one (/animals/:id/edit); every refusal is shown at its field. */
export default function AnimalFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const species = useQuery(SPECIES);
  const edited = useQuery(EDITED_ANIMAL, { variables: { id: id ?? '' }, skip: !id });
  const [form, setForm] = useState({ name: '', species: 'Ball python', sex: 'UNKNOWN' as Sex, hatchDate: '', visibility: 'PRIVATE' as Visibility, externalId: '' });
  const [sire, setSire] = useState<PickedAnimal | null>(null);
  const [dam, setDam] = useState<PickedAnimal | null>(null);
  const [createAnimal, created] = useMutation(CREATE_ANIMAL);
  const [updateAnimal, updated] = useMutation(UPDATE_ANIMAL);
  const animal = edited.data?.animal;
  useEffect(() => {
    if (animal)
      setForm({
        name: animal.name,
        species: animal.species.commonName,
        sex: animal.sex,
        hatchDate: animal.hatchDate ?? '',
        visibility: animal.visibility,
        externalId: animal.externalId ?? '',
      });
  }, [animal]);
  const errors = codedErrors(created.error ?? updated.error);
  const byField = fieldErrors(errors);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const common = { name: form.name, sex: form.sex, visibility: form.visibility, hatchDate: form.hatchDate || null, externalId: form.externalId || null };
    const savedId = id
      ? (await updateAnimal({ variables: { id, input: common } }).catch(() => ({ data: undefined }))).data?.updateAnimal.id
      : (
          await createAnimal({
            variables: { input: { ...common, species: form.species, sireId: sire?.id, damId: dam?.id, idempotencyKey: crypto.randomUUID() } },
          }).catch(() => ({ data: undefined }))
        ).data?.createAnimal.id;
    if (savedId) navigate(`/animals/${savedId}`);
  }

  if (id && edited.loading) return <Loading />;
  if (id && !animal) return <ErrorMessage error={edited.error ?? new Error('not found')} />;
  return (
    <section aria-labelledby="form-title">
      <h1 id="form-title">{id ? `Edit ${animal?.name}` : 'Add an animal'}</h1>
      <Form onSubmit={submit} className="form">
        <TextInput label="Name" value={form.name} onChange={set('name')} error={byField.name} isRequired />
        {!id && (
          <SelectInput
            label="Species"
            value={form.species}
            onChange={set('species')}
            error={byField.species}
            options={(species.data?.species ?? [{ commonName: 'Ball python' }]).map((s) => ({ id: s.commonName, label: s.commonName }))}
          />
        )}
        <SelectInput
          label="Sex"
          value={form.sex}
          onChange={set('sex')}
          error={byField.sex}
          options={[
            { id: 'MALE', label: 'Male' },
            { id: 'FEMALE', label: 'Female' },
            { id: 'UNKNOWN', label: 'Unknown' },
          ]}
        />
        <TextInput label="Hatch date" type="date" value={form.hatchDate} onChange={set('hatchDate')} error={byField.hatchDate} />
        <SelectInput
          label="Visibility"
          value={form.visibility}
          onChange={set('visibility')}
          error={byField.visibility}
          options={[
            { id: 'PRIVATE', label: 'Private: only my organisation' },
            { id: 'LINEAGE', label: "Lineage only: named in other breeders' pedigrees, nothing else shown" },
            { id: 'PUBLIC', label: 'Public: every breeder can see it' },
          ]}
        />
        <TextInput label="Your id (herdbook, ring or microchip)" value={form.externalId} onChange={set('externalId')} error={byField.externalId} />
        {!id && (
          <>
            <AnimalPicker label="Sire" sex="MALE" species={form.species} value={sire} onChange={setSire} error={byField.sireId} />
            <AnimalPicker label="Dam" sex="FEMALE" species={form.species} value={dam} onChange={setDam} error={byField.damId} />
          </>
        )}
        <FormErrors sentences={formErrors(errors, FIELDS)} />
        <Button type="submit" className="button primary" isDisabled={created.loading || updated.loading}>
          {id ? 'Save changes' : 'Add animal'}
        </Button>
      </Form>
    </section>
  );
}
