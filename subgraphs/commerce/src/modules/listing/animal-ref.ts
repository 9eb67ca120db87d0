/** An animal owned by the animal subgraph; commerce only knows its id. */
export interface AnimalRef {
  id: string;
}
