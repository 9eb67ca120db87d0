import { GraphQLError, getOperationAST, parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { graphqlCjs } from '../realtime/graphql-cjs.js';
import { documentShape } from './document-shape.js';
import { operationCost } from './operation-cost.js';

/** Codes of refused operations; each error also carries `cost` (what was asked) and `limit`. */
export const BudgetCode = {
  TooExpensive: 'OPERATION_TOO_EXPENSIVE',
  TooManyAliases: 'TOO_MANY_ALIASES',
  TooManyDirectives: 'TOO_MANY_DIRECTIVES',
  /** Too many operations and fragments, or fields repeating a name in one selection set. */
  DocumentTooComplex: 'DOCUMENT_TOO_COMPLEX',
  /** Parsing stops at the limit, so this one carries only `limit`. */
  TooManyTokens: 'TOO_MANY_TOKENS',
} as const;

export interface BudgetLimits {
  /** Cost an operation of a signed-in caller may have. */
  maxCost: number;
  /** Cost an operation of an anonymous caller may have. */
  maxAnonymousCost: number;
  maxPedigreeNodes: number;
  maxPairs: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Operations and fragments one document may define. */
  maxDefinitions: number;
  /** Fields that may repeat a response name already selected in their selection set, over the whole document. */
  maxRepeatedFields: number;
}

/**
 * Refuses, before the document is validated (the costliest step before execution), an operation
 * over its caller's budget: TOO_MANY_TOKENS while parsing, then aliases, directives and cost. A
 * document that does not parse for any other reason, or names no operation, is left to the
 * caller's own parse and validation, which report it.
 */
export function sourceBudgetError(
  schema: GraphQLSchema,
  source: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  anonymous: boolean,
  limits: BudgetLimits,
): GraphQLError | null {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    return isTokenLimitMessage((error as Error).message) ? tooManyTokens(limits.maxTokens) : null;
  }
  const operation = getOperationAST(document, operationName);
  return documentShapeError(document, limits) ?? (operation ? budgetError(schema, document, operation, variables, anonymous, limits) : null);
}

/**
 * Refuses a document whose validation alone would be costly, whichever operation it runs (or
 * none: validation visits every definition): too many operations and fragments, or too many
 * fields repeating a name beside them. Checked before validation, over HTTP and graphql-ws.
 */
export function documentShapeError(document: DocumentNode, limits: BudgetLimits): GraphQLError | null {
  const shape = documentShape(document);
  if (shape.definitions > limits.maxDefinitions) {
    return refused(
      BudgetCode.DocumentTooComplex,
      `The document defines ${shape.definitions} operations and fragments, more than the limit of ${limits.maxDefinitions}`,
      shape.definitions,
      limits.maxDefinitions,
    );
  }
  if (shape.repeatedFields > limits.maxRepeatedFields) {
    return refused(
      BudgetCode.DocumentTooComplex,
      `The document selects ${shape.repeatedFields} fields again under a name already selected beside them, more than the limit of ${limits.maxRepeatedFields}: select each field once`,
      shape.repeatedFields,
      limits.maxRepeatedFields,
    );
  }
  return null;
}

/**
 * Refuses an operation that may do more than its caller's budget allows. `variables` are as the
 * client sent them; when they do not fit the operation, each is priced as null (the worst case),
 * so that sending bad variables cannot buy a validation of an over-budget document.
 */
export function budgetError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  anonymous: boolean,
  limits: BudgetLimits,
): GraphQLError | null {
  const coerced = graphqlCjs.getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Explicit nulls override argument defaults, so that every rule reads its worst case.
  const unknown = () => Object.fromEntries((operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, null]));
  const asked = operationCost(schema, document, operation, coerced.errors ? unknown() : coerced.coerced);
  if (asked.aliases > limits.maxAliases) {
    return refused(
      BudgetCode.TooManyAliases,
      `The operation has ${asked.aliases} aliases, more than the limit of ${limits.maxAliases}`,
      asked.aliases,
      limits.maxAliases,
    );
  }
  if (asked.directives > limits.maxDirectives) {
    return refused(
      BudgetCode.TooManyDirectives,
      `The operation has ${asked.directives} directives, more than the limit of ${limits.maxDirectives}`,
      asked.directives,
      limits.maxDirectives,
    );
  }
  if (asked.pedigreeNodes > limits.maxPedigreeNodes) {
    return refused(
      BudgetCode.TooExpensive,
      `The operation may list ${asked.pedigreeNodes} pedigree nodes, more than the limit of ${limits.maxPedigreeNodes}: ask for fewer animals or generations`,
      asked.pedigreeNodes,
      limits.maxPedigreeNodes,
    );
  }
  if (asked.pairs > limits.maxPairs) {
    return refused(
      BudgetCode.TooExpensive,
      `The operation asks for ${asked.pairs} kinship or pairing preview fields, more than the limit of ${limits.maxPairs}`,
      asked.pairs,
      limits.maxPairs,
    );
  }
  const limit = anonymous ? limits.maxAnonymousCost : limits.maxCost;
  if (asked.cost > limit) {
    const hint = anonymous ? ': sign in for a larger budget, or ask for less' : ': ask for fewer items (first), generations or aliases';
    return refused(BudgetCode.TooExpensive, `The operation may cost ${reported(asked.cost)}, more than the limit of ${limit}${hint}`, asked.cost, limit);
  }
  return null;
}

/**
 * graphql-js reports its maxTokens limit as a syntax error (which Apollo Server would code
 * GRAPHQL_PARSE_FAILED): recognised so that it gets a code of its own and a client can tell "too
 * large" from "malformed". operation-budget.test.ts pins graphql-js' wording.
 */
export function isTokenLimitMessage(message: string): boolean {
  // graphql 16 writes "more that"; a later version may fix the typo.
  return /Document contains more tha[nt] \d+ tokens/.test(message);
}

export function tooManyTokens(maxTokens: number): GraphQLError {
  return new GraphQLError(`The operation has more than ${maxTokens} tokens`, { extensions: { code: BudgetCode.TooManyTokens, limit: maxTokens } });
}

function refused(code: string, message: string, cost: number, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, cost: reported(cost), limit } });
}

/** Nested lists can multiply past what JSON numbers carry exactly. */
function reported(cost: number): number {
  return Math.min(cost, Number.MAX_SAFE_INTEGER);
}
