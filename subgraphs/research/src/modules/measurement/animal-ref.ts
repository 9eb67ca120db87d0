/** An animal owned by the animal subgraph; research only knows its id. */
export interface AnimalRef {
  id: string;
}
