import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { graphql } from '../__generated__';

const CANDIDATES = graphql(`
  query WebAnimalCandidates($filter: AnimalFilter) {
    animals(first: 20, filter: $filter) { edges { node { id name sex visibility species { id commonName } owner { id name } } } }
  }
`);

export interface PickedAnimal {
  id: string;
  name: string;
}

interface AnimalPickerProps {
  label: string;
  sex?: 'MALE' | 'FEMALE';
  species?: string;
  /** Only the caller's organisation's animals; otherwise theirs and every public one. */
  mineOnly?: boolean;
  value: PickedAnimal | null;
  onChange: (animal: PickedAnimal | null) => void;
  error?: string;
  description?: string;
}

/** Search-as-you-type choice of an animal (React Aria's ComboBox), by name, sex and species. */
export function AnimalPicker({ label, sex, species, mineOnly, value, onChange, error, description }: AnimalPickerProps) {
  const [text, setText] = useState(value?.name ?? '');
  const { data } = useQuery(CANDIDATES, {
    variables: { filter: { sex, species, mine: mineOnly ? true : undefined, nameContains: text.trim() || undefined } },
    fetchPolicy: 'cache-and-network',
  });
  const items = (data?.animals.edges ?? []).map(({ node }) => ({
    id: node.id,
    name: node.name,
    detail: `${node.species.commonName}, ${node.sex.toLowerCase()}${node.visibility === 'PUBLIC' ? `, public (${node.owner?.name ?? 'another breeder'})` : ''}`,
  }));
  return (
    <ComboBox
      className="field"
      inputValue={text}
      onInputChange={(next) => {
        setText(next);
        if (next === '') onChange(null);
      }}
      selectedKey={value?.id ?? null}
      onSelectionChange={(key) => {
        const picked = items.find((item) => item.id === key);
        onChange(picked ? { id: picked.id, name: picked.name } : null);
        if (picked) setText(picked.name);
      }}
      items={items}
      isInvalid={error !== undefined}
      validationBehavior="aria"
      menuTrigger="focus"
      allowsEmptyCollection
    >
      <Label>{label}</Label>
      <div className="combo">
        <Input />
        <Button className="combo-button" aria-label={`Show ${label.toLowerCase()} choices`}>
          ▾
        </Button>
      </div>
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <p className="empty">No animal matches.</p>}>
          {(item: (typeof items)[number]) => (
            <ListBoxItem id={item.id} textValue={item.name} className="listbox-item">
              <span>{item.name}</span> <span className="muted">{item.detail}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
