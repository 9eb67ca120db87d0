import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import type { EvaluationScopeInput, FixedEffect, RunGeneticEvaluationInput } from '../__generated__/graphql';
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

/** A number as a breeder types it (a decimal comma too); -1, which the API refuses at the field, for none. */
const typedNumber = (text: string) => {
  const value = Number(text.replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? -1 : value;
};

interface EvaluationFormProps {
  species: readonly { id: string; commonName: string }[];
  /** Whose records: the organisation's when null, else a research project's. */
  scope: EvaluationScopeInput | null;
  onStarted: (runId: string) => void;
}

/**
 * Starts a BLUP run in the chosen scope: species, trait, fixed effects, and either the heritability or the two variance
 * components; the API checks it all and names the field it refuses.
 */
export function EvaluationForm({ species, scope, onStarted }: EvaluationFormProps) {
  const [speciesId, setSpeciesId] = useState('');
  const [traitId, setTraitId] = useState('');
  const [effects, setEffects] = useState<string[]>(['SEX']);
  const [model, setModel] = useState<'heritability' | 'components'>('heritability');
  const [heritability, setHeritability] = useState('0.3');
  const [additive, setAdditive] = useState('');
  const [residual, setResidual] = useState('');
  const traits = useQuery(TRAITS, { variables: { species: speciesId }, skip: speciesId === '' });
  const [run, running] = useMutation(RUN_GENETIC_EVALUATION, { refetchQueries: ['WebEvaluationRuns'] });
  const errors = codedErrors(running.error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: RunGeneticEvaluationInput = {
      species: speciesId,
      trait: traitId,
      fixedEffects: effects as FixedEffect[],
      ...(model === 'heritability'
        ? { heritability: typedNumber(heritability) }
        : { varianceComponents: { additive: typedNumber(additive), residual: typedNumber(residual) } }),
      ...(scope ? { scope } : {}),
    };
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
      <RadioGroup className="field" value={model} onChange={(value) => setModel(value as typeof model)} orientation="horizontal">
        <Label>Genetic parameters</Label>
        <Radio value="heritability" className="radio">
          Heritability
        </Radio>
        <Radio value="components" className="radio">
          Variance components
        </Radio>
      </RadioGroup>
      {model === 'heritability' ? (
        <TextInput
          label="Heritability (h²)"
          description="Strictly between 0 and 1, e.g. 0.3"
          value={heritability}
          onChange={setHeritability}
          error={byField.heritability}
          isRequired
        />
      ) : (
        <div className="pair">
          <TextInput
            label="Additive variance (σ²a)"
            description="Positive, in the trait's unit squared"
            value={additive}
            onChange={setAdditive}
            error={byField['varianceComponents.additive']}
            isRequired
          />
          <TextInput
            label="Residual variance (σ²e)"
            description="Positive, in the trait's unit squared"
            value={residual}
            onChange={setResidual}
            error={byField['varianceComponents.residual']}
            isRequired
          />
        </div>
      )}
      <FormErrors sentences={formErrors(errors, ['species', 'trait', 'heritability', 'varianceComponents.additive', 'varianceComponents.residual'])} />
      <Button type="submit" className="button primary" isDisabled={running.loading || speciesId === '' || traitId === ''}>
        Run the evaluation
      </Button>
    </Form>
  );
}
