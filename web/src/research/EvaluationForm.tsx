import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Form, Label } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import type { FixedEffect } from '../__generated__/graphql';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { RUN_GENETIC_EVALUATION, TRAITS } from './evaluation-operations';
import { OptionsSelect } from './OptionsSelect';

const FIXED_EFFECTS: { id: FixedEffect; label: string }[] = [
  { id: 'SEX', label: 'Sex' },
  { id: 'CONTEMPORARY_GROUP', label: 'Contemporary group' },
  { id: 'BIRTH_YEAR', label: 'Birth year' },
  { id: 'FARM', label: 'Farm' },
];

interface EvaluationFormProps {
  species: readonly { id: string; commonName: string }[];
  onStarted: (runId: string) => void;
}

/** Starts a BLUP run: species, trait, fixed effects and heritability; the API checks it all and names the field it refuses. */
export function EvaluationForm({ species, onStarted }: EvaluationFormProps) {
  const [speciesId, setSpeciesId] = useState('');
  const [traitId, setTraitId] = useState('');
  const [effects, setEffects] = useState<string[]>(['SEX']);
  const [heritability, setHeritability] = useState('0.3');
  const traits = useQuery(TRAITS, { variables: { species: speciesId }, skip: speciesId === '' });
  const [run, running] = useMutation(RUN_GENETIC_EVALUATION, { refetchQueries: ['WebEvaluationRuns'] });
  const errors = codedErrors(running.error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const h2 = Number(heritability.replace(',', '.'));
    const input = { species: speciesId, trait: traitId, fixedEffects: effects as FixedEffect[], heritability: heritability.trim() === '' || Number.isNaN(h2) ? -1 : h2 };
    const result = await run({ variables: { input } }).catch(() => undefined);
    const id = result?.data?.runGeneticEvaluation.id;
    if (id) onStarted(id);
  }

  return (
    <Form className="form" validationBehavior="aria" onSubmit={submit}>
      <div className="pair">
        <OptionsSelect
          label="Species to evaluate"
          emptyText="loading species…"
          value={speciesId}
          onChange={(id) => {
            setSpeciesId(id);
            setTraitId('');
          }}
          error={byField.species}
          options={species.map((s) => ({ id: s.id, label: s.commonName }))}
        />
        <OptionsSelect
          label="Trait to evaluate"
          emptyText="choose a species first"
          value={traitId}
          onChange={setTraitId}
          error={byField.trait}
          options={(traits.data?.traits ?? []).map((t) => ({ id: t.id, label: t.name }))}
        />
      </div>
      <CheckboxGroup className="field checks" value={effects} onChange={setEffects}>
        <Label>Fixed effects</Label>
        {FIXED_EFFECTS.map((effect) => (
          <Checkbox key={effect.id} value={effect.id} className="checkbox">
            <span className="box" aria-hidden="true" />
            {effect.label}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <TextInput
        label="Heritability (h²)"
        description="Strictly between 0 and 1, e.g. 0.3"
        value={heritability}
        onChange={setHeritability}
        error={byField.heritability}
        isRequired
      />
      <FormErrors sentences={formErrors(errors, ['species', 'trait', 'heritability'])} />
      <Button type="submit" className="button primary" isDisabled={running.loading || speciesId === '' || traitId === ''}>
        Run the evaluation
      </Button>
    </Form>
  );
}
