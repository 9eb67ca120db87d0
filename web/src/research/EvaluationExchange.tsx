import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { OptionsSelect } from './OptionsSelect';
import { LineErrors } from './LineErrors';
import { downloadText, typeOfFile } from './download';
import { EXPORT_EVALUATION_DATASET, IMPORT_BREEDING_VALUES, TRAITS } from './evaluation-operations';

/**
 * Files for BLUPF90 and R, saved from the text the API returns; and EBVs computed there, imported back all or nothing. Of the
 * caller's organisation, or with a scope of a research project's shared data (for its LEAD and ANALYST members).
 */
export function EvaluationExchange({
  species,
  scope = null,
}: {
  species: readonly { id: string; commonName: string }[];
  scope?: { kind: 'PROJECT'; projectId: string } | null;
}) {
  const [speciesId, setSpeciesId] = useState('');
  const [traitId, setTraitId] = useState('');
  const [csv, setCsv] = useState('');
  const traits = useQuery(TRAITS, { variables: { species: speciesId }, skip: speciesId === '' });
  const [exportDataset, exported] = useLazyQuery(EXPORT_EVALUATION_DATASET, { fetchPolicy: 'network-only' });
  const [importValues, imported] = useMutation(IMPORT_BREEDING_VALUES, { refetchQueries: ['WebEvaluationRuns'] });
  const importErrors = codedErrors(imported.error);
  const result = imported.data?.importBreedingValues;
  const dataset = exported.data?.exportEvaluationDataset;

  async function submitImport(event: FormEvent) {
    event.preventDefault();
    await importValues({ variables: { species: speciesId, csv, scope } }).catch(() => undefined);
  }

  return (
    <section aria-labelledby="exchange-title" className="card">
      <h2 id="exchange-title">Exchange with BLUPF90 and R</h2>
      {scope && (
        <p className="muted">The files hold what the project&apos;s grants share; every shared animal exported is logged for the organisation that granted it.</p>
      )}
      <div className="pair">
        <OptionsSelect
          label="Species of the files"
          emptyText="loading species…"
          value={speciesId}
          onChange={(id) => {
            setSpeciesId(id);
            setTraitId('');
          }}
          error={fieldErrors(codedErrors(exported.error)).species ?? fieldErrors(importErrors).species}
          options={species.map((s) => ({ id: s.id, label: s.commonName }))}
        />
        <OptionsSelect
          label="Trait of the files"
          emptyText="choose a species first"
          value={traitId}
          onChange={setTraitId}
          options={(traits.data?.traits ?? []).map((t) => ({ id: t.id, label: t.name }))}
        />
      </div>
      <Button
        className="button"
        isDisabled={speciesId === '' || traitId === '' || exported.loading}
        onPress={() => exportDataset({ variables: { species: speciesId, trait: traitId, scope } }).catch(() => undefined)}
      >
        Prepare the export
      </Button>
      {exported.loading && <Loading label="Preparing the files…" />}
      <ErrorMessage error={exported.error} />
      {dataset && (
        <>
          <p>
            {dataset.animals} animals, {dataset.records} records:
          </p>
          <ul className="downloads">
            {dataset.files.map((file) => (
              <li key={file.name}>
                <Button className="button link" onPress={() => downloadText(file.name, file.content, typeOfFile(file.name))}>
                  Download {file.name}
                </Button>{' '}
                <span className="muted">{file.description}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Import breeding values</h3>
      <Form className="form" validationBehavior="aria" onSubmit={submitImport}>
        <TextInput
          label="Breeding values CSV"
          multiline
          description="Header id, trait, ebv and optionally accuracy; one trait of the species above per file"
          value={csv}
          onChange={setCsv}
          error={fieldErrors(importErrors).csv}
        />
        <FormErrors sentences={formErrors(importErrors, ['species', 'csv'])} />
        <Button type="submit" className="button" isDisabled={imported.loading || speciesId === '' || csv.trim() === ''}>
          Import breeding values
        </Button>
      </Form>
      {result && result.errors.length === 0 && (
        <p role="status" className="success">
          Imported {result.imported} breeding values as a run of {scope ? 'the project' : 'their own'}.
        </p>
      )}
      {result && result.errors.length > 0 && <LineErrors errors={result.errors} />}
    </section>
  );
}
