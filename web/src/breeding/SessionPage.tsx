import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { RECORD_EVENT } from './breeding-operations';
import { EVENT_TYPES, eventLabel } from './timeline';
import { useLiveTimeline } from './use-live-timeline';

const COUNT_FIELDS = ['eggCount', 'fertileCount', 'hatchedCount', 'registerHatchlings'] as const;
const FIELDS = ['type', 'notes', 'occurredAt', ...COUNT_FIELDS];

/** One session: the live timeline, recording events (rule errors shown), the clutch and its hatchlings. */
export default function SessionPage() {
  const { id = '' } = useParams();
  const { session, events } = useLiveTimeline(id);
  const data = session.data?.breedingSession;
  if (session.loading && !data) return <Loading label="Loading the session…" />;
  if (!data) return session.error ? <ErrorMessage error={session.error} /> : <Empty>This session does not exist, or it is another organisation's.</Empty>;
  const clutch = data.clutch;
  return (
    <article aria-labelledby="session-title">
      <h1 id="session-title">
        {data.sire ? <Link to={`/animals/${data.sire.id}`}>{data.sire.name}</Link> : 'A private stud'} ×{' '}
        {data.dam ? <Link to={`/animals/${data.dam.id}`}>{data.dam.name}</Link> : 'a private dam'}
      </h1>
      <p>
        {data.status === 'ACTIVE' ? 'Active' : 'Ended'}, started {new Date(data.startedAt).toLocaleString()}
        {data.notes ? `: ${data.notes}` : ''}
      </p>
      <div className="side-by-side">
        <section aria-labelledby="timeline-title" className="card">
          <h2 id="timeline-title">Timeline</h2>
          {events.length === 0 ? (
            <Empty>No events yet.</Empty>
          ) : (
            <ol className="timeline" aria-live="polite">
              {events.map((event) => (
                <li key={event.id} data-event-id={event.id}>
                  <strong>{eventLabel(event.type)}</strong> <time dateTime={event.occurredAt}>{new Date(event.occurredAt).toLocaleString()}</time>
                  {event.notes && <p>{event.notes}</p>}
                </li>
              ))}
            </ol>
          )}
        </section>
        <div>
          {data.status === 'ACTIVE' && <RecordEventForm sessionId={data.id} />}
          <section aria-labelledby="clutch-title" className="card">
            <h2 id="clutch-title">Clutch</h2>
            {!clutch ? (
              <Empty>No eggs laid yet.</Empty>
            ) : (
              <>
                <p>
                  Laid {new Date(clutch.laidAt).toLocaleDateString()}: {clutch.eggCount} eggs
                  {clutch.fertileCount !== null && clutch.fertileCount !== undefined ? `, ${clutch.fertileCount} fertile` : ''}
                  {clutch.hatchedCount !== null && clutch.hatchedCount !== undefined ? `, ${clutch.hatchedCount} hatched` : ''}
                  {typeof clutch.hatchRate === 'number' ? ` (hatch rate ${Math.round(clutch.hatchRate * 100)} %)` : ''}
                </p>
                {clutch.hatchlings.length > 0 && (
                  <ul aria-label="Hatchlings">
                    {clutch.hatchlings.map((hatchling) => (
                      <li key={hatchling.id}>
                        <Link to={`/animals/${hatchling.id}`}>{hatchling.name}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

function RecordEventForm({ sessionId }: { sessionId: string }) {
  const [type, setType] = useState('INTRODUCED');
  const [notes, setNotes] = useState('');
  const [counts, setCounts] = useState<Record<(typeof COUNT_FIELDS)[number], string>>({ eggCount: '', fertileCount: '', hatchedCount: '', registerHatchlings: '' });
  const [record, { loading, error, reset }] = useMutation(RECORD_EVENT);
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);
  const countOf = (key: (typeof COUNT_FIELDS)[number]) => (counts[key].trim() === '' ? undefined : Number(counts[key]));
  const shownCounts: (typeof COUNT_FIELDS)[number][] =
    type === 'EGGS_LAID' ? ['eggCount'] : type === 'CANDLED' ? ['fertileCount'] : type === 'HATCHED' ? ['hatchedCount', 'registerHatchlings'] : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      sessionId,
      type: type as 'NOTE',
      notes: notes || undefined,
      idempotencyKey: crypto.randomUUID(),
      ...Object.fromEntries(shownCounts.map((key) => [key, countOf(key)])),
    };
    const result = await record({ variables: { input } }).catch(() => undefined);
    if (result?.data) {
      setNotes('');
      reset();
    }
  }

  const countLabels = { eggCount: 'Number of eggs', fertileCount: 'Fertile eggs', hatchedCount: 'Eggs hatched', registerHatchlings: 'Register hatchlings as animals' };
  return (
    <section aria-labelledby="record-title" className="card">
      <h2 id="record-title">Record an event</h2>
      <Form onSubmit={submit} className="form">
        <SelectInput label="Event" value={type} onChange={setType} error={byField.type} options={EVENT_TYPES.map((t) => ({ id: t, label: eventLabel(t) }))} />
        {shownCounts.map((key) => (
          <TextInput
            key={key}
            label={countLabels[key]}
            type="number"
            value={counts[key]}
            onChange={(value) => setCounts({ ...counts, [key]: value })}
            error={byField[key]}
          />
        ))}
        <TextInput label="Notes" value={notes} onChange={setNotes} error={byField.notes} />
        <FormErrors sentences={formErrors(errors, FIELDS)} />
        <Button type="submit" className="button primary" isDisabled={loading}>
          Record
        </Button>
      </Form>
    </section>
  );
}
