import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { SPECIES } from '../collection/collection-operations';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { Chart } from './Chart';
import { monthlyMeanPoints } from './chart-points';
import { TRAITS } from './evaluation-operations';
import { GROUP_MONTHLY_MEANS } from './measurement-operations';
import { FARMS } from './research-operations';
import { OptionsSelect } from './OptionsSelect';

function yearsAgo(years: number): string {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() - years);
  return day.toISOString().slice(0, 10);
}

/** A management group's mean of a trait by month (Group.monthlyMeans), as a chart with its table. */
export default function TrendsPage() {
  const farms = useQuery(FARMS);
  const species = useQuery(SPECIES);
  const [farmId, setFarmId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [speciesId, setSpeciesId] = useState('');
  const [traitId, setTraitId] = useState('');
  const [from, setFrom] = useState(yearsAgo(5));
  const [to, setTo] = useState(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  const traits = useQuery(TRAITS, { variables: { species: speciesId }, skip: speciesId === '' });
  const validRange = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const means = useQuery(GROUP_MONTHLY_MEANS, {
    variables: { farmId, trait: traitId, from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z` },
    skip: farmId === '' || traitId === '' || !validRange,
  });
  const farm = farms.data?.farms.find((f) => f.id === farmId);
  const group = means.data?.farm?.groups.find((g) => g.id === groupId);
  const trait = traits.data?.traits.find((t) => t.id === traitId);

  return (
    <section aria-labelledby="trends-title">
      <h1 id="trends-title">Trends</h1>
      <div className="card form">
        {farms.loading && <Loading label="Loading farms…" />}
        {farms.data && farms.data.farms.length === 0 && <Empty>Add a farm and its groups first: means are by management group.</Empty>}
        <div className="pair">
          <OptionsSelect
            label="Farm"
            emptyText="no farm yet"
            value={farmId}
            onChange={(id) => {
              setFarmId(id);
              setGroupId('');
            }}
            options={(farms.data?.farms ?? []).map((f) => ({ id: f.id, label: f.name }))}
          />
          <OptionsSelect
            label="Group"
            emptyText="choose a farm with groups"
            value={groupId}
            onChange={setGroupId}
            options={(farm?.groups ?? []).map((g) => ({ id: g.id, label: g.name }))}
          />
        </div>
        <div className="pair">
          <OptionsSelect
            label="Species"
            emptyText="loading species…"
            value={speciesId}
            onChange={(id) => {
              setSpeciesId(id);
              setTraitId('');
            }}
            options={(species.data?.species ?? []).map((s) => ({ id: s.id, label: s.commonName }))}
          />
          <OptionsSelect
            label="Trait"
            emptyText="choose a species first"
            value={traitId}
            onChange={setTraitId}
            options={(traits.data?.traits ?? []).map((t) => ({ id: t.id, label: t.name }))}
          />
        </div>
        <div className="pair">
          <TextInput label="From" type="date" value={from} onChange={setFrom} />
          <TextInput label="Before" type="date" value={to} onChange={setTo} />
        </div>
      </div>
      <ErrorMessage error={means.error ?? traits.error} />
      {means.loading && <Loading label="Loading the means…" />}
      {group && trait && group.monthlyMeans.length === 0 && (
        <Empty>
          No measurement of {trait.name.toLowerCase()} in {group.name} in that time.
        </Empty>
      )}
      {group && trait && group.monthlyMeans.length > 0 && (
        <Chart
          title={`Monthly mean ${trait.name.toLowerCase()} of ${group.name}`}
          yLabel={`${trait.name} (${group.monthlyMeans[0].unit})`}
          points={monthlyMeanPoints(group.monthlyMeans)}
        />
      )}
    </section>
  );
}
