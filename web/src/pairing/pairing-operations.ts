import { graphql } from '../__generated__';

export const PAIRING = graphql(`
  query WebPairing($sireId: ID!, $damId: ID!) {
    pairingPreview(sireId: $sireId, damId: $damId) { coefficientOfInbreeding commonAncestors { contribution animal { id name } } }
    predictOffspring(sire: { animalId: $sireId }, dam: { animalId: $damId }) {
      sire { notation } dam { notation }
      outcomes { name phenotype fraction probability possibleHets { label gene { name } } }
      lethalForms lethalFraction
    }
  }
`);

export const SIRE_RANK = graphql(`query WebSireRank($sireId: ID!, $damId: ID!) { pairingPreview(sireId: $sireId, damId: $damId) { coefficientOfInbreeding } }`);
