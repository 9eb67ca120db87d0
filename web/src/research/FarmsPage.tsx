import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { Empty, ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { typedNumber } from './coordinates';
import { FarmGroups } from './FarmGroups';
import { CREATE_FARM, FARMS, FARMS_NEAR } from './research-operations';

const BLANK = { name: '', latitude: '', longitude: '', region: '', country: '' };
const FIELDS = ['name', 'latitude', 'longitude', 'region', 'country'];

/** The organisation's farms: the list, a new one, their groups, animals moved to them, and which lie within a distance of a point. */
export default function FarmsPage() {
  const farms = useQuery(FARMS, { fetchPolicy: 'cache-and-network' });
  const [createFarm, creating] = useMutation(CREATE_FARM, { refetchQueries: ['WebFarms'] });
  const [findNear, near] = useLazyQuery(FARMS_NEAR, { fetchPolicy: 'network-only' });
  const [form, setForm] = useState(BLANK);
  const [point, setPoint] = useState({ latitude: '', longitude: '', km: '50' });
  const errors = codedErrors(creating.error);
  const byField = fieldErrors(errors);
  const nearByField = fieldErrors(codedErrors(near.error));
  const set = (key: keyof typeof BLANK) => (value: string) => setForm({ ...form, [key]: value });
  const list = farms.data?.farms ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      name: form.name,
      latitude: typedNumber(form.latitude),
      longitude: typedNumber(form.longitude),
      region: form.region.trim() || null,
      country: form.country.trim().toUpperCase() || null,
    };
    const result = await createFarm({ variables: { input } }).catch(() => undefined);
    if (result?.data) setForm(BLANK);
  }

  return (
    <section aria-labelledby="farms-title">
      <h1 id="farms-title">Farms</h1>
      <section aria-labelledby="farm-list-title" className="card">
        <h2 id="farm-list-title">Your farms</h2>
        {farms.loading && !farms.data && <Loading label="Loading farms…" />}
        <ErrorMessage error={farms.error} />
        {farms.data && list.length === 0 && <Empty>No farms yet. Add the first below.</Empty>}
        {list.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Where</th>
                <th scope="col">Coordinates</th>
                <th scope="col">Groups</th>
              </tr>
            </thead>
            <tbody>
              {list.map((farm) => (
                <tr key={farm.id}>
                  <td>{farm.name}</td>
                  <td>{[farm.region, farm.country].filter(Boolean).join(', ') || '—'}</td>
                  <td>
                    {farm.latitude.toFixed(4)}, {farm.longitude.toFixed(4)}
                  </td>
                  <td>{farm.groups.length === 0 ? '—' : farm.groups.map((group) => group.name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="new-farm-title" className="card">
        <h2 id="new-farm-title">Add a farm</h2>
        <Form className="form" validationBehavior="aria" onSubmit={submit}>
          <TextInput label="Farm name" value={form.name} onChange={set('name')} error={byField.name} isRequired />
          <div className="pair">
            <TextInput label="Latitude" description="Degrees, -90 to 90" value={form.latitude} onChange={set('latitude')} error={byField.latitude} isRequired />
            <TextInput label="Longitude" description="Degrees, -180 to 180" value={form.longitude} onChange={set('longitude')} error={byField.longitude} isRequired />
          </div>
          <div className="pair">
            <TextInput label="Region" value={form.region} onChange={set('region')} error={byField.region} />
            <TextInput label="Country" description="e.g. NZ" value={form.country} onChange={set('country')} error={byField.country} />
          </div>
          <FormErrors sentences={formErrors(errors, FIELDS)} />
          <Button type="submit" className="button primary" isDisabled={creating.loading}>
            Add farm
          </Button>
        </Form>
      </section>

      {list.length > 0 && <FarmGroups farms={list} />}

      <section aria-labelledby="near-title" className="card">
        <h2 id="near-title">Farms near a point</h2>
        <Form
          className="form"
          validationBehavior="aria"
          onSubmit={(event) => {
            event.preventDefault();
            findNear({ variables: { latitude: typedNumber(point.latitude), longitude: typedNumber(point.longitude), km: typedNumber(point.km) } }).catch(() => undefined);
          }}
        >
          <div className="pair">
            <TextInput label="From latitude" value={point.latitude} onChange={(latitude) => setPoint({ ...point, latitude })} error={nearByField.latitude} />
            <TextInput label="From longitude" value={point.longitude} onChange={(longitude) => setPoint({ ...point, longitude })} error={nearByField.longitude} />
            <TextInput label="Within km" value={point.km} onChange={(km) => setPoint({ ...point, km })} error={nearByField.km} />
          </div>
          <FormErrors sentences={formErrors(codedErrors(near.error), ['latitude', 'longitude', 'km'])} />
          <Button type="submit" className="button">
            Find farms
          </Button>
        </Form>
        {near.loading && <Loading label="Searching…" />}
        {near.data && near.data.farmsNear.length === 0 && <Empty>No farm within that distance.</Empty>}
        {near.data && near.data.farmsNear.length > 0 && (
          <ol className="owners" aria-label="Nearest farms">
            {near.data.farmsNear.map(({ farm, km }) => (
              <li key={farm.id}>
                <strong>{farm.name}</strong> <span className="muted">{km.toFixed(1)} km</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
