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
  const [nextSire, setNextSire] = useState<PickedAnimal | null>(sire);
  const [nextDam, setNextDam] = useState<PickedAnimal | null>(dam);
  const [setParents, { loading, error }] = useMutation(SET_PARENTS);
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);
  const change = async (variables: { sireId?: string | null; damId?: string | null }) => {
    const result = await setParents({ variables: { animalId, ...variables } }).catch(() => undefined);
    if (result?.data) onChanged();
  };
  return (
    <div className="parents-editor">
      <div className="parent-row">
        <AnimalPicker label="Sire" sex="MALE" species={species} value={nextSire} onChange={setNextSire} error={byField.sireId} />
        <Button className="button" isDisabled={loading || nextSire?.id === sire?.id} onPress={() => change({ sireId: nextSire?.id ?? null })}>
          {nextSire ? 'Set sire' : 'Clear sire'}
        </Button>
      </div>
      <div className="parent-row">
        <AnimalPicker label="Dam" sex="FEMALE" species={species} value={nextDam} onChange={setNextDam} error={byField.damId} />
        <Button className="button" isDisabled={loading || nextDam?.id === dam?.id} onPress={() => change({ damId: nextDam?.id ?? null })}>
          {nextDam ? 'Set dam' : 'Clear dam'}
        </Button>
      </div>
      <FormErrors sentences={formErrors(errors, ['sireId', 'damId'])} />
    </div>
  );
}
