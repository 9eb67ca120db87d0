import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { SelectInput } from '../ui/SelectInput';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { ASSIGN_ANIMAL, CREATE_GROUP } from './research-operations';

interface FarmWithGroups {
  id: string;
  name: string;
  groups: readonly { id: string; name: string }[];
}

/** The choice that keeps an animal on a farm outside any of its groups. */
const NO_GROUP = 'none';
const today = () => new Date().toISOString().slice(0, 10);

/** A farm's management groups: a new one, and an animal moved to a farm (and one of its groups) from a day on. */
export function FarmGroups({ farms }: { farms: readonly FarmWithGroups[] }) {
  return (
    <>
      <NewGroup farms={farms} />
      <AssignAnimal farms={farms} />
    </>
  );
}

function NewGroup({ farms }: { farms: readonly FarmWithGroups[] }) {
  const [farmId, setFarmId] = useState('');
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [create, creating] = useMutation(CREATE_GROUP, { refetchQueries: ['WebFarms'] });
  const errors = codedErrors(creating.error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await create({ variables: { input: { farmId, name, purpose: purpose.trim() || null } } }).catch(() => undefined);
    if (done?.data) {
      setName('');
      setPurpose('');
    }
  }

  return (
    <section aria-labelledby="new-group-title" className="card">
      <h2 id="new-group-title">Add a group</h2>
      <p className="muted">A mob, a paddock or a rack on one of your farms; measurements and evaluations can use it.</p>
      <Form className="form" validationBehavior="aria" onSubmit={submit}>
        <SelectInput
          label="Farm of the group"
          value={farmId}
          onChange={setFarmId}
          error={byField.farmId}
          options={farms.map((farm) => ({ id: farm.id, label: farm.name }))}
        />
        <TextInput label="Group name" value={name} onChange={setName} error={byField.name} isRequired />
        <TextInput label="Purpose" description="Optional, e.g. ewe lambs for the 2025 mating" value={purpose} onChange={setPurpose} error={byField.purpose} />
        <FormErrors sentences={formErrors(errors, ['farmId', 'name', 'purpose'])} />
        <Button type="submit" className="button primary" isDisabled={creating.loading || farmId === ''}>
          Add group
        </Button>
      </Form>
    </section>
  );
}

function AssignAnimal({ farms }: { farms: readonly FarmWithGroups[] }) {
  const [animal, setAnimal] = useState<PickedAnimal | null>(null);
  const [farmId, setFarmId] = useState('');
  const [groupId, setGroupId] = useState(NO_GROUP);
  const [from, setFrom] = useState(today);
  const [assign, assigning] = useMutation(ASSIGN_ANIMAL);
  const errors = codedErrors(assigning.error);
  const byField = fieldErrors(errors);
  const groups = farms.find((farm) => farm.id === farmId)?.groups ?? [];
  const done = assigning.data?.assignAnimal;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!animal) return;
    const variables = { animalId: animal.id, farmId, groupId: groupId === NO_GROUP ? null : groupId, from };
    await assign({ variables }).catch(() => undefined);
  }

  return (
    <section aria-labelledby="assign-title" className="card">
      <h2 id="assign-title">Move an animal to a farm</h2>
      <Form className="form" validationBehavior="aria" onSubmit={submit}>
        <AnimalPicker label="Animal to move" mineOnly value={animal} onChange={setAnimal} error={byField.animalId} />
        <div className="pair">
          <SelectInput
            label="To farm"
            value={farmId}
            onChange={(id) => {
              setFarmId(id);
              setGroupId(NO_GROUP);
            }}
            error={byField.farmId}
            options={farms.map((farm) => ({ id: farm.id, label: farm.name }))}
          />
          <SelectInput
            label="In group"
            value={groupId}
            onChange={setGroupId}
            error={byField.groupId}
            options={[{ id: NO_GROUP, label: 'No group' }, ...groups.map((group) => ({ id: group.id, label: group.name }))]}
          />
        </div>
        <TextInput label="From" type="date" value={from} onChange={setFrom} error={byField.from} isRequired />
        <FormErrors sentences={formErrors(errors, ['animalId', 'farmId', 'groupId', 'from'])} />
        <Button type="submit" className="button primary" isDisabled={assigning.loading || !animal || farmId === ''}>
          Move the animal
        </Button>
      </Form>
      {done && !assigning.error && (
        <p role="status">
          {done.animal?.name ?? 'The animal'} is on {done.farm.name}
          {done.group ? `, in ${done.group.name},` : ''} from {done.from}.
        </p>
      )}
    </section>
  );
}
