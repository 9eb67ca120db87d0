import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, FileTrigger, Form, Label, ProgressBar } from 'react-aria-components';
import { Link } from 'react-router';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { LineErrors } from './LineErrors';
import { IMPORT_MEASUREMENTS } from './measurement-operations';

const HEADER = 'animal,trait,value,unit,date,group';

/** The measurement CSV import: every row or none; a progress bar while it runs, then the bad rows by line. */
export default function MeasurementImportPage() {
  const [csv, setCsv] = useState('');
  const [importMeasurements, { data, loading, error }] = useMutation(IMPORT_MEASUREMENTS);
  const errors = codedErrors(error);
  const result = data?.importMeasurements;
  const rows = Math.max(0, csv.trim().split('\n').length - 1);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await importMeasurements({ variables: { csv } }).catch(() => undefined);
  }

  return (
    <section aria-labelledby="measurement-import-title">
      <h1 id="measurement-import-title">Import measurements</h1>
      <p>
        A CSV with the header <code>{HEADER}</code> (any order; <code>group</code> optional): the animal’s id or your external id, a catalog trait id (e.g.{' '}
        <code>weaning_weight</code>), the value in one of the trait’s units, and the day (YYYY-MM-DD). Nothing is written unless every row is right.{' '}
        <Link to="/trends">See the trends</Link>.
      </p>
      <Form onSubmit={submit} className="form">
        <div className="field">
          <Label id="measurement-file-label">CSV file</Label>
          <FileTrigger acceptedFileTypes={['text/csv', '.csv']} onSelect={async (files) => files?.[0] && setCsv(await files[0].text())}>
            <Button className="button" aria-describedby="measurement-file-label">
              Choose a file…
            </Button>
          </FileTrigger>
        </div>
        <TextInput
          label="Measurements CSV"
          multiline
          value={csv}
          onChange={setCsv}
          error={fieldErrors(errors).csv}
          description={`Or paste it, starting with ${HEADER}`}
        />
        <FormErrors sentences={formErrors(errors, ['csv'])} />
        <Button type="submit" className="button primary" isDisabled={loading || csv.trim() === ''}>
          Import measurements
        </Button>
      </Form>
      {loading && (
        <ProgressBar className="progress" isIndeterminate aria-label={`Importing ${rows} rows`}>
          <span>Importing {rows} rows…</span>
          <div className="bar" />
        </ProgressBar>
      )}
      {result && result.errors.length === 0 && (
        <p role="status" className="success">
          Imported {result.imported} measurements.
        </p>
      )}
      {result && result.errors.length > 0 && <LineErrors errors={result.errors} />}
    </section>
  );
}
