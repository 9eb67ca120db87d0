import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { FormErrors } from '../ui/Status';
import { SET_PARENTS } from './animal-operations';

interface ParentsEditorProps {
  animalId: string;
  species: string;
  sire: PickedAnimal | null;
  dam: PickedAnimal | null;
  /** After a change: the pedigree and F are recomputed by the API, so the page refetches them. */
  onChanged: () => void;
}

/** Sets or clears the sire and dam (setParents: a left-out parent stays, null clears it). */
export function ParentsEditor({ animalId, species, sire, dam, onChanged }: ParentsEditorProps) {
  const [setParents, { loading, error }] = useMutation(SET_PARENTS);
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);
  const change = async (variables: { sireId?: string | null; damId?: string | null }) => {
    const result = await setParents({ variables: { animalId, ...variables } }).catch(() => undefined);
    if (result?.data) onChanged();
  };
  return (
    <div className="parents-editor">
      <ParentRow parent="sire" current={sire} busy={loading} error={byField.sireId} species={species} onSet={(id) => change({ sireId: id })} />
      <ParentRow parent="dam" current={dam} busy={loading} error={byField.damId} species={species} onSet={(id) => change({ damId: id })} />
      <FormErrors sentences={formErrors(errors, ['sireId', 'damId'])} />
    </div>
  );
}

interface ParentRowProps {
  parent: 'sire' | 'dam';
  current: PickedAnimal | null;
  species: string;
  busy: boolean;
  error?: string;
  /** The chosen parent's id, or null to clear it. */
  onSet: (id: string | null) => void;
}

function ParentRow({ parent, current, species, busy, error, onSet }: ParentRowProps) {
  const [next, setNext] = useState<PickedAnimal | null>(current);
  const label = parent === 'sire' ? 'Sire' : 'Dam';
  return (
    <div className="parent-row">
      <AnimalPicker label={label} sex={parent === 'sire' ? 'MALE' : 'FEMALE'} species={species} value={next} onChange={setNext} error={error} />
      <Button className="button" isDisabled={busy || next?.id === current?.id} onPress={() => onSet(next?.id ?? null)}>
        {next ? `Set ${parent}` : `Clear ${parent}`}
      </Button>
    </div>
  );
}
