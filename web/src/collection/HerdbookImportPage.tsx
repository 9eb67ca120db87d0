import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, FileTrigger, Form, ProgressBar, Label } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SelectInput } from '../ui/SelectInput';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { IMPORT_PEDIGREE, SPECIES } from './collection-operations';

const EXAMPLE = 'id,sire,dam,sex,name,hatchDate\nR1,,,M,Ram one,2020-03-01\nE1,,,F,Ewe one,2020-04-01\nL1,R1,E1,F,Lamb one,2023-03-15';

/** The herdbook CSV import: all rows or none; while it runs a progress bar, after it the bad rows by line. */
export default function HerdbookImportPage() {
  const species = useQuery(SPECIES);
  const [speciesName, setSpeciesName] = useState('Ball python');
  const [csv, setCsv] = useState('');
  const [importPedigree, { data, loading, error }] = useMutation(IMPORT_PEDIGREE);
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);
  const result = data?.importPedigree;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await importPedigree({ variables: { input: { species: speciesName, csv } } }).catch(() => undefined);
  }

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import a herdbook</h1>
      <p>
        A CSV with a header line: <code>id</code>, <code>sire</code>, <code>dam</code>, <code>sex</code> (M, F or U), optionally <code>name</code> and{' '}
        <code>hatchDate</code>. Parents are other rows or your animals with that id. Nothing is written unless every row is right.
      </p>
      <Form onSubmit={submit} className="form">
        <SelectInput
          label="Species of every animal in the file"
          value={speciesName}
          onChange={setSpeciesName}
          error={byField.species}
          options={(species.data?.species ?? [{ commonName: 'Ball python' }]).map((s) => ({ id: s.commonName, label: s.commonName }))}
        />
        <div className="field">
          <Label id="csv-file-label">CSV file</Label>
          <FileTrigger acceptedFileTypes={['text/csv', '.csv']} onSelect={async (files) => files?.[0] && setCsv(await files[0].text())}>
            <Button className="button" aria-describedby="csv-file-label">
              Choose a file…
            </Button>
          </FileTrigger>
        </div>
        <TextInput label="CSV text" multiline value={csv} onChange={setCsv} error={byField.csv} description={`Or paste it, e.g.\n${EXAMPLE.split('\n')[0]}`} />
        <FormErrors sentences={formErrors(errors, ['species', 'csv'])} />
        <Button type="submit" className="button primary" isDisabled={loading || csv.trim() === ''}>
          Import
        </Button>
      </Form>
      {loading && (
        <ProgressBar className="progress" isIndeterminate aria-label={`Importing ${csv.trim().split('\n').length - 1} rows`}>
          <span>Importing {csv.trim().split('\n').length - 1} rows…</span>
          <div className="bar" />
        </ProgressBar>
      )}
      {result && result.errors.length === 0 && (
        <p role="status" className="success">
          Imported {result.imported} animals.
        </p>
      )}
      {result && result.errors.length > 0 && (
        <div role="alert">
          <h2>Nothing was imported: {result.errors.length === 1 ? 'one row needs' : `${result.errors.length} rows need`} fixing</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((row) => (
                <tr key={`${row.line}:${row.message}`}>
                  <td>{row.line}</td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
